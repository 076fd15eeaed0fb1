package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.get;
import static io.perimeter.analyzer.findings.Traffic.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** API1: object-level authorization (BOLA) signals. */
class ObjectAuthorizationRulesTest {
    private static final long LATER = Traffic.T0.getEpochSecond() + 3_600;

    @Test
    void oneIdentityWalkingManyObjectsIsReported() {
        Harness h = new Harness();
        String token = jwt("mallory", LATER);
        for (int id = 1; id <= 51; id++) {
            h.feed(get("/api/orders/" + (1000 + id)).bearer(token).at(Traffic.T0.plusSeconds(id)).respond(200, "{\"total\": 3}"));
        }

        Finding f = h.only(RuleId.API1_OBJECT_WALK);
        assertThat(f.template()).isEqualTo("/api/orders/{id}");
        assertThat(f.evidence().location()).isEqualTo(EvidenceLocation.REQUEST_PATH);
        assertThat(f.evidence().field()).isEqualTo("id");
        assertThat(f.evidence().facts()).containsEntry("distinctObjects", 51L).containsEntry("identities", 1L)
                .containsEntry("threshold", 50L);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.category()).isEqualTo(OwaspCategory.API1);
        assertThat(f.count()).isEqualTo(1);
        assertThat(f.firstSeen()).isEqualTo(Traffic.T0.plusSeconds(51));
    }

    @Test
    void stayingAtTheThresholdRepeatedReadsFailuresAndAnonymousCallsAreNot() {
        Harness h = new Harness();
        String token = jwt("alice", LATER);
        for (int id = 1; id <= 50; id++) {
            h.feed(get("/api/orders/" + (1000 + id)).bearer(token).respond(200, "{}"));
            h.feed(get("/api/orders/" + (1000 + id)).bearer(token).respond(200, "{}")); // again: not a new object
        }
        for (int id = 51; id <= 120; id++) {
            h.feed(get("/api/orders/" + (1000 + id)).bearer(token).respond(403, "{}")); // refused: not an access
            h.feed(get("/api/orders/" + (1000 + id)).respond(200, "{}")); // anonymous: no identity to walk with
        }
        for (int user = 0; user < 10; user++) {
            for (int id = 0; id < 30; id++) { // many identities, each with a modest number of objects
                h.feed(get("/api/orders/" + (5000 + id)).bearer(jwt("user" + user, LATER)).respond(200, "{}"));
            }
        }

        assertThat(h.findings(RuleId.API1_OBJECT_WALK)).isEmpty();
    }

    @Test
    void onePersonalObjectReadByManyIdentitiesIsReported() {
        Harness h = new Harness();
        for (int user = 1; user <= 11; user++) {
            h.feed(get("/api/customers/42").bearer(jwt("user" + user, LATER))
                    .respond(200, "{\"id\": 42, \"email\": \"pat.doe@example.com\"}"));
        }

        Finding f = h.only(RuleId.API1_SHARED_OBJECT);
        assertThat(f.template()).isEqualTo("/api/customers/{id}");
        assertThat(f.evidence().dataClasses()).containsExactly(DataClass.EMAIL);
        assertThat(f.evidence().facts()).containsEntry("distinctIdentities", 11L).containsEntry("objects", 1L);
        assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void publicObjectsAndFewReadersAreNot() {
        Harness h = new Harness();
        for (int user = 1; user <= 30; user++) { // a catalogue item: no personal data in the answer
            h.feed(get("/api/products/7").bearer(jwt("user" + user, LATER)).respond(200, "{\"id\": 7, \"name\": \"Lamp\"}"));
        }
        for (int user = 1; user <= 10; user++) { // exactly at the threshold
            h.feed(get("/api/customers/43").bearer(jwt("user" + user, LATER))
                    .respond(200, "{\"email\": \"sam.roe@example.com\"}"));
        }

        assertThat(h.findings(RuleId.API1_SHARED_OBJECT)).isEmpty();
    }

    @Test
    void capsOnIdentitiesAndPairsAreHonouredAndCounted() {
        FindingsSettings small = new FindingsSettings(100, 3, 10, 10, 2, 10_000, 7, Duration.ofMinutes(1), 300, 10, 1_000,
                Duration.ofSeconds(60), 3, java.util.List.of());
        Harness h = new Harness(small);
        for (int user = 0; user < 4; user++) {
            for (int id = 0; id < 4; id++) {
                h.feed(get("/api/orders/" + (9000 + id)).bearer(jwt("u" + user, LATER)).respond(200, "{}"));
            }
        }

        // two identities tracked (the others dropped), seven pairs in all: u0 has 4 objects (> 3), u1 only 3
        assertThat(h.engine.counters().get("findings_principals_dropped")).isGreaterThan(0);
        assertThat(h.engine.counters().get("findings_pairs_dropped")).isGreaterThan(0);
        assertThat(h.findings(RuleId.API1_OBJECT_WALK)).singleElement()
                .satisfies(f -> assertThat(f.evidence().facts()).containsEntry("identities", 1L));
    }
}
