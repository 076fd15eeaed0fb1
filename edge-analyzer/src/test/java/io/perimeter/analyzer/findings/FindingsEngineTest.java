package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.discovery.ServiceKey;
import io.perimeter.analyzer.pipeline.CallProfile;
import io.perimeter.analyzer.redaction.EdgeKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.analyzer.testing.ApiCallBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The engine as a whole: keys, aggregation, alignment with the inventory, caps, the registry and its documentation. */
class FindingsEngineTest {

    /** Traffic that triggers several rules of several categories. */
    private static ApiCallBuilder[] mixedTraffic() {
        return new ApiCallBuilder[] {
                get("/api/customers/7").respond(200, "{\"email\": \"pat.doe@example.com\"}"),
                get("/api/items?api_key=sk4f9a8b7c6d5e4f3a2b1").respond(200, "{}"),
                get("/api/search?q=%27%20or%201%3D1--").respond(403, "{}"),
                get("/api/report").plaintext().header("Authorization", "Basic YWxpY2U6c2VjcmV0").respond(200, "{}")};
    }

    @Test
    void keysAreStableAcrossRunsAndEdgeKeys() {
        List<Finding> first = new Harness().feed(mixedTraffic()).findings();
        List<Finding> second = new Harness().feed(mixedTraffic()).findings();

        assertThat(first).hasSizeGreaterThanOrEqualTo(5);
        assertThat(first).extracting(Finding::key).allMatch(k -> k.matches("[0-9a-f]{32}")).doesNotHaveDuplicates()
                .containsExactlyElementsOf(second.stream().map(Finding::key).toList());
        Finding f = first.get(0);
        assertThat(f.key()).isEqualTo(FindingKey.of(f.rule().id(), f.host(), f.port(), f.method(), f.template(),
                f.evidence().location().contractName(), f.evidence().field(), f.evidence().headerName()));
    }

    @Test
    void theSameProblemLaterKeepsItsKeyAndAddsUp() {
        Harness h = new Harness();
        h.feed(get("/api/search?q=%27%20or%201%3D1--").at(Traffic.T0).respond(403, "{}"));
        String key = h.only(RuleId.ATTACK_SQL_INJECTION).key();
        h.feed(get("/api/search?q=1%20union%20select%201").at(Traffic.T0.plusSeconds(90)).respond(200, "{}"),
                get("/api/search?q=x%27--").at(Traffic.T0.minusSeconds(30)).respond(400, "{}"));

        Finding f = h.only(RuleId.ATTACK_SQL_INJECTION);
        assertThat(f.key()).isEqualTo(key);
        assertThat(f.count()).isEqualTo(3);
        assertThat(f.firstSeen()).isEqualTo(Traffic.T0.minusSeconds(30));
        assertThat(f.lastSeen()).isEqualTo(Traffic.T0.plusSeconds(90));
        assertThat(f.outcome()).contains(Outcome.SUCCEEDED);
    }

    @Test
    void observingFromManyThreadsLosesNothing() throws Exception {
        Harness h = new Harness();
        int threads = 4;
        int perThread = 250;
        var pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        h.feed(get("/api/search?q=%27%20or%201%3D1--").at(Traffic.T0.plusSeconds(i)).respond(403, "{}"),
                                get("/api/orders/" + (thread * perThread + i)).bearer(Traffic.jwt("walker", Traffic.T0.getEpochSecond() + 99_999))
                                        .respond(200, "{}"));
                    }
                }));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(h.only(RuleId.ATTACK_SQL_INJECTION).count()).isEqualTo((long) threads * perThread);
        Finding walk = h.only(RuleId.API1_OBJECT_WALK);
        // one identity, 1,000 objects: counted up to 4 x threshold (200), so 150 beyond the threshold of 50
        assertThat(walk.count()).isEqualTo(150L);
        assertThat(walk.evidence().facts()).containsEntry("distinctObjects", 200L);
        assertThat(h.engine.counters()).containsEntry("findings_calls", 2L * threads * perThread)
                .containsEntry("findings_rule_errors", 0L);
    }

    @Test
    void openFindingsAreCappedAndWhatDidNotFitIsCounted() {
        FindingsSettings two = new FindingsSettings(2, 50, 10, 1_000, 1_000, 10_000, 500_000, Duration.ofMinutes(1), 300,
                1_000, 1_000, Duration.ofSeconds(60), 3, List.of());
        Harness h = new Harness(two);
        for (int i = 0; i < 5; i++) {
            h.feed(get("/api/e" + i).respond(200, "{}")); // missing nosniff and HSTS: one finding per endpoint
        }

        assertThat(h.findings()).hasSize(2);
        assertThat(h.engine.openFindings()).isEqualTo(2);
        assertThat(h.engine.counters()).containsEntry("findings_dropped", 3L);
    }

    @Test
    void trackedEndpointsAreCapped() {
        FindingsSettings one = new FindingsSettings(100, 50, 10, 1, 1_000, 10_000, 500_000, Duration.ofMinutes(1), 300,
                1_000, 1_000, Duration.ofSeconds(60), 3, List.of());
        Harness h = new Harness(one).feed(get("/api/a").respond(200, "{}"), get("/api/b").respond(200, "{}"));

        assertThat(h.engine.counters().get("findings_endpoints_dropped")).isGreaterThan(0);
    }

    @Test
    void callsNotAttributedToAnEndpointAreSkipped() {
        Harness h = new Harness();
        var overflow = new CallProfile(new EndpointRef(ServiceKey.OVERFLOW, "GET", "/x"), List.of());
        var capped = new CallProfile(new EndpointRef(new ServiceKey("api.shop.test", 8443, "api-server"), "GET", "*"), List.of());
        h.engine.observe(get("/x?q=%27%20or%201%3D1--").build(), overflow, Optional.empty());
        h.engine.observe(get("/x?q=%27%20or%201%3D1--").build(), capped, Optional.empty());

        assertThat(h.findings()).isEmpty();
        assertThat(h.engine.counters()).containsEntry("findings_calls_skipped", 2L);
    }

    @Test
    void batchSnapshotUsesTheInventorysTemplatesAndFields() {
        Harness h = new Harness();
        String[] first = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet",
                "kilo", "lima", "mike", "november", "oscar"};
        String[] second = {"red", "blue", "green", "amber", "ivory", "olive", "coral", "slate", "pearl", "ruby", "sand",
                "teal", "umber", "violet", "white"};
        List<String> words = new ArrayList<>();
        for (String a : first) {
            for (String b : second) {
                words.add(a + b);
            }
        }
        for (String word : words) { // literal at first; parameters once cardinality shows them to be data
            h.feed(call("PATCH", "/api/profiles/" + word).json("{\"prefs\": {\"" + word + "\": {\"role\": \"admin\"}}}")
                    .respond(200, "{}"));
        }

        assertThat(h.findings(RuleId.API3_PRIVILEGE_FIELD_WRITE)).extracting(Finding::template).contains("/api/profiles/alphared");
        List<Finding> aligned = h.engine.snapshot(h.inventory()).stream()
                .filter(f -> f.rule() == RuleId.API3_PRIVILEGE_FIELD_WRITE).toList();
        assertThat(aligned).singleElement().satisfies(f -> {
            assertThat(f.template()).isEqualTo("/api/profiles/{param}");
            assertThat(f.count()).isEqualTo(words.size());
            assertThat(f.evidence().field()).isEqualTo("prefs.{key}.role");
        });
        assertThat(h.engine.snapshot(h.inventory()).toString()).doesNotContain("alphared", "oscarwhite");
    }

    @Test
    void findingsOfEndpointsTheInventoryDoesNotHoldAreLeftOut() {
        Harness h = new Harness().feed(get("/api/search?q=%27%20or%201%3D1--").respond(403, "{}"));
        Harness other = new Harness();

        assertThat(h.engine.snapshot(other.inventory())).isEmpty();
        assertThat(h.engine.counters().get("findings_unaligned")).isGreaterThan(0);
    }

    @Test
    void evidenceRefusesAnythingButNamesClassesAndNumbers() {
        Evidence e = Evidence.at(EvidenceLocation.REQUEST_BODY);

        assertThatThrownBy(() -> e.withFact("sample", "4111111111111111")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("4111");
        assertThatThrownBy(() -> e.withFact("Bad Name", 1L)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> e.withHeader("X-Canary: value")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("value");
        assertThat(e.withField("customers.pat.doe@example.com.card").field()).isEqualTo("customers.pat.{key}.com.card");
        assertThat(e.withField("users[0].email").field()).isEqualTo("users[].email");
        assertThat(e.withField("orders.20260302.total").field()).isEqualTo("orders.{key}.total");
        assertThat(e.withFact("count", 3).facts()).containsEntry("count", 3L);
    }

    @Test
    void everyRuleIdHasADetectorAndEveryDetectorReportsKnownRules() {
        List<Rule> rules = Rules.all(FindingsSettings.defaults(), new Pseudonymizer(EdgeKey.ephemeral()),
                Optional.of(ApiSpec.parse("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get: {responses: {'200': {description: ok}}}\n")),
                new EngineCounters());
        Set<RuleId> reported = EnumSet.noneOf(RuleId.class);
        for (Rule rule : rules) {
            for (RuleId id : rule.reports()) {
                assertThat(reported.add(id)).as("%s reported by one detector only", id).isTrue();
            }
        }

        assertThat(reported).containsExactlyInAnyOrder(RuleId.values());
        assertThat(Arrays.stream(RuleId.values()).map(RuleId::id)).allMatch(id -> id.matches("[A-Z][A-Z0-9-]{2,63}"))
                .doesNotHaveDuplicates();
    }

    @Test
    void everyRuleIsDocumented() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "findings.md"));

        for (RuleId rule : RuleId.values()) {
            assertThat(doc).as("docs/findings.md documents %s", rule.id()).contains("### " + rule.id());
        }
    }

    @Test
    void countersHaveBatchCounterNames() {
        Map<String, Long> counters = new Harness().engine.counters();

        assertThat(counters.keySet()).allMatch(name -> name.matches("[a-z][a-z0-9_]{0,47}"));
        assertThat(List.copyOf(counters.keySet())).contains("findings_dropped",
                "findings_principals_dropped", "findings_objects_dropped", "findings_pairs_dropped", "findings_clients_dropped");
    }
}
