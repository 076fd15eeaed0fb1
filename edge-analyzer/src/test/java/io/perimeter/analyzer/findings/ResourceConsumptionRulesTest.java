package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.get;
import static io.perimeter.analyzer.findings.Traffic.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** API4: unrestricted resource consumption. */
class ResourceConsumptionRulesTest {
    private static final String TOKEN = jwt("bot", Traffic.T0.getEpochSecond() + 36_000);

    @Test
    void aClientOverTheRateThatIsNeverThrottled() {
        Harness h = new Harness();
        for (int i = 0; i < 301; i++) { // 301 calls within 30 s
            h.feed(get("/api/quotes").bearer(TOKEN).at(Traffic.T0.plusMillis(i * 100L)).respond(200, "{}"));
        }

        Finding f = h.only(RuleId.API4_NO_RATE_LIMIT);
        assertThat(f.evidence().facts()).containsEntry("threshold", 300L).containsEntry("windowSeconds", 60L)
                .containsEntry("principal", true);
        assertThat(f.count()).isEqualTo(1);
    }

    @Test
    void throttledEndpointsSpreadOutCallsAndTheThresholdItselfAreNot() {
        Harness h = new Harness();
        for (int i = 0; i < 300; i++) {
            h.feed(get("/api/at-threshold").bearer(TOKEN).at(Traffic.T0.plusMillis(i * 100L)).respond(200, "{}"));
        }
        for (int i = 0; i < 400; i++) { // answered 429 from the 250th call on
            h.feed(get("/api/limited").bearer(TOKEN).at(Traffic.T0.plusMillis(i * 100L)).respond(i < 250 ? 200 : 429, "{}"));
        }
        for (int i = 0; i < 400; i++) { // advertises its limits
            h.feed(get("/api/advertised").bearer(TOKEN).at(Traffic.T0.plusMillis(i * 100L))
                    .responseHeader("X-RateLimit-Limit", "1000").respond(200, "{}"));
        }
        for (int i = 0; i < 1_000; i++) { // 1,000 calls, but 200 a minute
            h.feed(get("/api/steady").bearer(TOKEN).at(Traffic.T0.plusMillis(i * 300L)).respond(200, "{}"));
        }
        for (int c = 0; c < 400; c++) { // many clients, one call each
            h.feed(get("/api/popular").client("198.51.100." + (c % 250)).header("X-Forwarded-For", "192.0.2." + c % 200 + ", 10.0.0.1")
                    .at(Traffic.T0.plusMillis(c)).respond(200, "{}"));
        }

        assertThat(h.findings(RuleId.API4_NO_RATE_LIMIT)).isEmpty();
    }

    @Test
    void clientCapIsHonouredAndCounted() {
        FindingsSettings small = new FindingsSettings(100, 50, 10, 10, 10, 100, 1_000, Duration.ofMinutes(1), 5, 3, 1_000,
                Duration.ofSeconds(60), 3, List.of());
        Harness h = new Harness(small);
        for (int c = 0; c < 5; c++) {
            h.feed(get("/api/x").bearer(jwt("c" + c, Traffic.T0.getEpochSecond() + 60)).respond(200, "{}"));
        }

        assertThat(h.engine.counters().get("findings_clients_dropped")).isEqualTo(2);
    }

    @Test
    void hugePageSizesAccepted() {
        String thousandAndOne = IntStream.range(0, 1_001).mapToObj(i -> "{\"i\":" + i + "}").collect(Collectors.joining(",", "{\"items\": [", "]}"));
        Harness h = new Harness().feed(
                get("/api/orders?limit=100000").bearer(TOKEN).respond(200, thousandAndOne),
                get("/api/invoices?page_size=5000").bearer(TOKEN).respond(200, "{\"items\": [{\"i\": 1}]}"),
                get("/api/export?%24top=99999").bearer(TOKEN).respond(200, "text/csv", "a,b"));

        assertThat(h.findings(RuleId.API4_UNBOUNDED_PAGE_SIZE))
                .extracting(Finding::template, Finding::severity, f -> f.evidence().facts().get("returnedItems"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/api/orders", Severity.HIGH, 1_001L),
                        org.assertj.core.groups.Tuple.tuple("/api/invoices", Severity.LOW, 1L),
                        org.assertj.core.groups.Tuple.tuple("/api/export", Severity.MEDIUM, null));
    }

    @Test
    void ordinaryPageSizesRefusalsAndOtherNumbersAreNot() {
        Harness h = new Harness().feed(
                get("/api/orders?limit=100").bearer(TOKEN).respond(200, "[]"),
                get("/api/orders?limit=100000").bearer(TOKEN).respond(400, "{}"),
                get("/api/products?max=5000&min=10").bearer(TOKEN).respond(200, "[]"),
                get("/api/orders?limit=all").bearer(TOKEN).respond(200, "[]"));

        assertThat(h.findings(RuleId.API4_UNBOUNDED_PAGE_SIZE)).isEmpty();
    }
}
