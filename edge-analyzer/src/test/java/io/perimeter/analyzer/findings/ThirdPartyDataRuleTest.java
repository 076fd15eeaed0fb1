package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import java.util.List;
import org.junit.jupiter.api.Test;

/** API10: sensitive data sent to third parties. */
class ThirdPartyDataRuleTest {
    private static final String LEAD = "{\"email\": \"pat.doe@example.com\", \"card\": \"4111111111111111\"}";

    @Test
    void personalDataSentByALocalProcessToAnExternalHost() {
        Harness h = new Harness().feed(call("POST", "/v1/leads").host("api.marketing-cloud.example").server("198.51.100.20", 443)
                .outboundFrom("crm").bearer("sk_live_0123456789abcdefABCDEF").json(LEAD).respond(201, "{}"));

        Finding f = h.only(RuleId.API10_SENSITIVE_DATA_TO_THIRD_PARTY);
        assertThat(f.host()).isEqualTo("api.marketing-cloud.example");
        assertThat(f.evidence().location()).isEqualTo(EvidenceLocation.REQUEST_BODY);
        assertThat(f.evidence().dataClasses()).containsExactlyInAnyOrder(DataClass.EMAIL, DataClass.CARD_NUMBER);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void internalHostsOwnDomainsCredentialsOnlyAndHarFilesAreNot() {
        FindingsSettings settings = FindingsSettings.defaults().withInternalDomains(List.of("corp.example"));
        Harness h = new Harness(settings).feed(
                call("POST", "/leads").host("crm.internal").outboundFrom("crm").json(LEAD).respond(201, "{}"),
                call("POST", "/leads").host("10.1.2.3:8080").server("10.1.2.3", 8080).outboundFrom("crm").json(LEAD).respond(201, "{}"),
                call("POST", "/leads").host("billing").outboundFrom("crm").json(LEAD).respond(201, "{}"),
                call("POST", "/leads").host("api.corp.example").outboundFrom("crm").json(LEAD).respond(201, "{}"),
                call("GET", "/v1/charges").host("api.payments.example").outboundFrom("shop")
                        .bearer("sk_live_0123456789abcdefABCDEF").respond(200, "{}"),
                call("POST", "/leads").host("api.marketing-cloud.example").fromHar().json(LEAD).respond(201, "{}"),
                call("POST", "/leads").host("api.marketing-cloud.example").json(LEAD).respond(201, "{}")); // server side

        assertThat(h.findings(RuleId.API10_SENSITIVE_DATA_TO_THIRD_PARTY)).isEmpty();
    }
}
