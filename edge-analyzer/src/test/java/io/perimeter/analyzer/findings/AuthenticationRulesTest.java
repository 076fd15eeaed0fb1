package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static io.perimeter.analyzer.findings.Traffic.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import org.junit.jupiter.api.Test;

/** API2: broken authentication signals. */
class AuthenticationRulesTest {
    private static final String CUSTOMER = "{\"name\": \"Pat Doe\", \"email\": \"pat.doe@example.com\", \"phone\": \"+14155552671\"}";
    private static final long LATER = Traffic.T0.getEpochSecond() + 3_600;

    @Test
    void personalDataServedWithoutAnyCredential() {
        Harness h = new Harness().feed(get("/api/customers/7").respond(200, CUSTOMER));

        Finding f = h.only(RuleId.API2_UNAUTHENTICATED_SENSITIVE_DATA);
        assertThat(f.evidence().location()).isEqualTo(EvidenceLocation.RESPONSE_BODY);
        assertThat(f.evidence().dataClasses()).contains(DataClass.EMAIL, DataClass.PHONE);
        assertThat((Long) f.evidence().facts().get("personalFields")).isGreaterThanOrEqualTo(2L);
    }

    @Test
    void credentialsLoginsRefusalsAndImpersonalAnswersAreNot() {
        Harness h = new Harness().feed(
                get("/api/customers/7").bearer(jwt("pat", LATER)).respond(200, CUSTOMER),
                get("/api/customers/8").header("X-Api-Key", "k3y-0123456789abcdef").respond(200, CUSTOMER),
                get("/api/customers/9").header("Cookie", "theme=dark; SESSION=abc123def456").respond(200, CUSTOMER),
                call("POST", "/api/login").json("{\"username\": \"pat\", \"password\": \"hunter2-Secret!\"}").respond(200, CUSTOMER),
                get("/api/customers/10").respond(401, "{\"error\": \"login first\"}"),
                get("/api/products/1").respond(200, "{\"title\": \"Lamp\", \"price\": 12}"));

        assertThat(h.findings(RuleId.API2_UNAUTHENTICATED_SENSITIVE_DATA)).isEmpty();
    }

    @Test
    void credentialsInTheQueryString() {
        Harness h = new Harness().feed(
                get("/api/items?api_key=sk4f9a8b7c6d5e4f3a2b1&page=2").respond(200, "{}"),
                get("/api/feed?access_token=abc").plaintext().respond(200, "{}"));

        assertThat(h.findings(RuleId.API2_CREDENTIAL_IN_QUERY)).extracting(f -> f.evidence().field(), Finding::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("api_key", Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple("access_token", Severity.HIGH));
    }

    @Test
    void ordinaryAndPresignedQueryParametersAreNot() {
        Harness h = new Harness().feed(
                get("/api/items?page=2&sort=name&key=color").respond(200, "{}"),
                get("/bucket/file.pdf?X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20260302&X-Amz-Signature=0a1b2c3d4e5f60718293a4b5c6d7e8f9")
                        .respond(200, "application/pdf", "%PDF"),
                get("/api/search?token=").respond(200, "{}"));

        assertThat(h.findings(RuleId.API2_CREDENTIAL_IN_QUERY)).isEmpty();
    }

    @Test
    void basicAuthenticationOverPlaintext() {
        Harness h = new Harness().feed(
                get("/api/report").plaintext().header("Authorization", "Basic YWxpY2U6c2VjcmV0").respond(200, "{}"),
                get("/api/report2").header("Authorization", "Basic YWxpY2U6c2VjcmV0").respond(200, "{}"),
                get("/api/report3").plaintext().server("127.0.0.1", 8080).host("localhost:8080")
                        .header("Authorization", "Basic YWxpY2U6c2VjcmV0").respond(200, "{}"));

        Finding f = h.only(RuleId.API2_BASIC_AUTH_PLAINTEXT);
        assertThat(f.template()).isEqualTo("/api/report");
        assertThat(f.evidence().headerName()).isEqualTo("Authorization");
    }

    @Test
    void unsignedTokensWithTheirOutcome() {
        String none = jwt("{\"alg\":\"none\",\"typ\":\"JWT\"}", "{\"sub\":\"eve\",\"exp\":" + LATER + "}", "");
        Harness accepted = new Harness().feed(get("/api/me").bearer(none).respond(200, "{}"));
        Harness refused = new Harness().feed(get("/api/me").bearer(none).respond(401, "{}"));
        Harness signed = new Harness().feed(get("/api/me").bearer(jwt("eve", LATER)).respond(200, "{}"));

        Finding critical = accepted.only(RuleId.API2_JWT_ALG_NONE);
        assertThat(critical.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(critical.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(critical.evidence().facts()).containsEntry("signaturePresent", false).containsEntry("succeeded", 1L);
        Finding probe = refused.only(RuleId.API2_JWT_ALG_NONE);
        assertThat(probe.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(probe.outcome()).contains(Outcome.REJECTED);
        assertThat(signed.findings(RuleId.API2_JWT_ALG_NONE)).isEmpty();
    }

    @Test
    void tokensWithoutExpiryThatAreAccepted() {
        String forever = jwt("{\"alg\":\"HS256\"}", "{\"sub\":\"pat\"}", "c2ln");
        Harness h = new Harness().feed(get("/api/me").bearer(forever).respond(200, "{}"),
                get("/api/you").bearer(forever).respond(401, "{}"),
                get("/api/them").bearer(jwt("pat", LATER)).respond(200, "{}"),
                get("/api/opaque").bearer("0paqueT0kenValue1234567890").respond(200, "{}"));

        assertThat(h.findings(RuleId.API2_JWT_NO_EXPIRY)).extracting(Finding::template).containsExactly("/api/me");
    }

    @Test
    void expiredTokensAcceptedBeyondTheClockSkew() {
        long now = Traffic.T0.getEpochSecond();
        Harness h = new Harness().feed(
                get("/api/a").bearer(jwt("pat", now - 3_600)).respond(200, "{}"),
                get("/api/b").bearer(jwt("pat", now - 30)).respond(200, "{}"), // within the 60 s skew
                get("/api/c").bearer(jwt("pat", now - 3_600)).respond(401, "{}"), // refused: as it should be
                get("/api/d").bearer(jwt("pat", now + 600)).respond(200, "{}"));

        Finding f = h.only(RuleId.API2_JWT_EXPIRED_ACCEPTED);
        assertThat(f.template()).isEqualTo("/api/a");
        assertThat(f.evidence().facts()).containsEntry("secondsPastExpiry", 3_600L);
        assertThat(f.outcome()).contains(Outcome.SUCCEEDED);
    }
}
