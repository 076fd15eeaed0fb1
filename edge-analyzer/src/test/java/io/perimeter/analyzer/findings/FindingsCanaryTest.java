package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.contract.PerimeterContract;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Canaries planted in traffic that triggers many rules: no finding (as a record, through {@code toString}, aligned
 * for a batch, or in the batch JSON) may carry one, raw or encoded, while the rules must fire.
 */
class FindingsCanaryTest {
    private static final String EMAIL = "zed.canary@example.test";
    private static final String CARD = "4111111111111111";
    private static final String SSN = "536-22-8174";
    private static final String CLIENT_IP = "198.51.100.77";
    private static final String API_KEY = "ckey9f8e7d6c5b4a3210CANARY";
    private static final String BASIC = Base64.getEncoder().encodeToString("canaryuser:canarypass".getBytes(StandardCharsets.UTF_8));
    private static final String NONE_JWT = Traffic.jwt("{\"alg\":\"none\"}", "{\"sub\":\"canary-sub-31337\"}", "");
    private static final String ORIGIN = "https://canary-origin.example";

    /** Substrings that must appear nowhere (compared in lower case). */
    private static final List<String> CANARIES = List.of("canary", CARD, SSN, CLIENT_IP, "zed.", "31337", "eyj",
            BASIC.substring(0, 12).toLowerCase(Locale.ROOT), "9f8e7d6c5b4a3210", URLEncoder.encode(EMAIL, StandardCharsets.UTF_8)
                    .toLowerCase(Locale.ROOT));

    private static Harness fed() {
        Harness h = new Harness();
        String customer = "{\"email\": \"" + EMAIL + "\", \"ssn\": \"" + SSN + "\", \"cards\": [{\"number\": \"" + CARD
                + "\"}], \"password\": \"canaryPassw0rd!\"}";
        h.feed(get("/api/customers/" + EMAIL + "?api_key=" + API_KEY).client(CLIENT_IP).respond(200, customer),
                get("/api/report?q=%27%20or%201%3D1--%20canarysqli").plaintext().client(CLIENT_IP)
                        .header("Authorization", "Basic " + BASIC).respond(500, "text/plain",
                                "java.lang.IllegalStateException: canary " + EMAIL + "\n\tat com.canary.Trace.run(Trace.java:1)"),
                get("/api/me").bearer(NONE_JWT).header("Origin", ORIGIN)
                        .responseHeader("Access-Control-Allow-Origin", ORIGIN)
                        .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{\"ok\": true}"),
                call("PATCH", "/api/users/me").bearer(NONE_JWT)
                        .json("{\"canary.key@example.test\": {\"role\": \"canaryrole\"}, \"bio\": \"<script>canaryxss()</script>\","
                                + " \"avatar\": \"http://canary-ssrf.internal/x\"}")
                        .respond(200, "{\"role\": \"canaryrole\"}"),
                call("POST", "/v1/leads").host("api.marketing.example").outboundFrom("crm")
                        .json("{\"email\": \"" + EMAIL + "\"}").respond(201, "{}"));
        return h;
    }

    @Test
    void noFindingCarriesAPlantedValue() {
        Harness h = fed();
        List<Finding> all = h.findings();
        List<Finding> aligned = h.engine.snapshot(h.inventory());

        Set<OwaspCategory> categories = all.stream().map(Finding::category).collect(Collectors.toSet());
        assertThat(categories).as("not vacuous: many rules fired").contains(OwaspCategory.API2, OwaspCategory.API3,
                OwaspCategory.API7, OwaspCategory.API8, OwaspCategory.API10, OwaspCategory.ATTACK);
        assertThat(all.stream().map(Finding::rule).collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleId.class))))
                .hasSizeGreaterThanOrEqualTo(12);
        assertThat(aligned).hasSizeGreaterThanOrEqualTo(all.size() - 2);
        assertThat(leaks(all.toString())).isEmpty();
        assertThat(leaks(aligned.toString())).isEmpty();
        for (Finding f : all) {
            assertThat(leaks(f.evidence().facts().toString() + f.evidence().field() + f.template() + f.host())).isEmpty();
        }
    }

    @Test
    void theBatchCarriesNoPlantedValueAndValidates() {
        Harness h = fed();
        var inventory = h.inventory();
        List<Finding> findings = h.engine.snapshot(inventory);
        var header = new BatchHeader(UUID.randomUUID(), "edge-1", Instant.parse("2026-03-02T10:00:00Z"), Traffic.T0,
                Traffic.T0.plusSeconds(60), "0.1.0", Map.of("calls", 5L));

        ObjectNode batch = new BatchWriter(new PerimeterContract()).write(header, inventory, findings);

        assertThat(new PerimeterContract().violations(batch)).isEmpty();
        assertThat(batch.get("findings").size()).isEqualTo(findings.size());
        assertThat(leaks(batch.get("findings").toString())).isEmpty();
    }

    private static List<String> leaks(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        for (String canary : CANARIES) {
            if (lower.contains(canary.toLowerCase(Locale.ROOT))) {
                found.add(canary);
            }
        }
        return found;
    }
}
