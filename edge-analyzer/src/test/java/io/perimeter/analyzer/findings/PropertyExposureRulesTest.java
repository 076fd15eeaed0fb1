package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static io.perimeter.analyzer.findings.Traffic.jwt;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import org.junit.jupiter.api.Test;

/** API3: object property level exposure and mass assignment. */
class PropertyExposureRulesTest {
    private static final String TOKEN = jwt("pat", Traffic.T0.getEpochSecond() + 3_600);

    @Test
    void passwordsAndProviderKeysInAnswers() {
        Harness h = new Harness().feed(
                get("/api/users/5").bearer(TOKEN).respond(200, "{\"user\": {\"name\": \"Pat\", \"password\": \"hunter2-Secret!\"}}"),
                get("/api/integrations/3").bearer(TOKEN).respond(200, "{\"aws_key\": \"AKIAIOSFODNN7EXAMPLE\"}"));

        assertThat(h.findings(RuleId.API3_SECRET_IN_RESPONSE))
                .extracting(f -> f.evidence().field(), f -> f.evidence().dataClasses())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("user.password", java.util.Set.of(DataClass.PASSWORD)),
                        org.assertj.core.groups.Tuple.tuple("aws_key", java.util.Set.of(DataClass.SECRET)));
    }

    @Test
    void issuedTokensAndRefusedAnswersAreNot() {
        Harness h = new Harness().feed(
                call("POST", "/oauth/token").body("application/x-www-form-urlencoded", "grant_type=client_credentials")
                        .respond(200, "{\"access_token\": \"2YotnFZFEjr1zCsicMWpAA9f8e7d6c5b\", \"refresh_token\": \"tGzv3JOkF0XG5Qx2TlKWIA0a1b2c3d\", \"token_type\": \"bearer\"}"),
                call("POST", "/api/login").json("{\"username\": \"pat\", \"password\": \"hunter2-Secret!\"}")
                        .respond(200, "{\"token\": \"" + TOKEN + "\"}"),
                get("/api/users/6").bearer(TOKEN).respond(500, "{\"password\": \"hunter2-Secret!\"}"));

        assertThat(h.findings(RuleId.API3_SECRET_IN_RESPONSE)).isEmpty();
    }

    @Test
    void fullCardNumbersAndSsnsInAnswersButNotMaskedOnes() {
        Harness h = new Harness().feed(
                get("/api/wallet").bearer(TOKEN).respond(200, "{\"cards\": [{\"number\": \"4111111111111111\"}]}"),
                get("/api/tax").bearer(TOKEN).respond(200, "{\"ssn\": \"536-22-8174\"}"),
                get("/api/wallet/masked").bearer(TOKEN).respond(200, "{\"cards\": [{\"number\": \"************1111\"}]}"));

        assertThat(h.findings(RuleId.API3_SENSITIVE_DATA_IN_RESPONSE))
                .extracting(Finding::template, Finding::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/api/wallet", Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("/api/tax", Severity.MEDIUM));
        assertThat(h.findings(RuleId.API3_SENSITIVE_DATA_IN_RESPONSE).stream()
                .filter(f -> f.template().equals("/api/wallet")).findFirst().orElseThrow().evidence().field())
                .isEqualTo("cards[].number");
    }

    @Test
    void eachExposedFieldIsNamedByItsFullPathEvenWhenItsLastPartsRepeat() {
        Harness h = new Harness().feed(get("/api/wallets/7").bearer(TOKEN).respond(200,
                "{\"primary\": {\"number\": \"4111111111111111\"}, \"cards\": [{\"number\": \"5555555555554444\"}],"
                        + " \"owner\": {\"tax\": {\"ssn\": \"536-22-8174\"}}}"));

        assertThat(h.findings(RuleId.API3_SENSITIVE_DATA_IN_RESPONSE))
                .extracting(f -> f.evidence().field())
                .containsExactlyInAnyOrder("primary.number", "cards[].number", "owner.tax.ssn");
    }

    @Test
    void privilegeFieldsWrittenAndAccepted() {
        Harness h = new Harness().feed(
                call("PATCH", "/api/users/me").bearer(TOKEN).json("{\"displayName\": \"Pat\", \"role\": \"admin\"}")
                        .respond(200, "{\"displayName\": \"Pat\", \"role\": \"admin\"}"),
                call("POST", "/api/signup").body("application/x-www-form-urlencoded", "email=pat%40example.com&user%5BisAdmin%5D=true")
                        .respond(201, "{\"ok\": true}"));

        Finding reflected = h.findings(RuleId.API3_PRIVILEGE_FIELD_WRITE).stream()
                .filter(f -> f.template().equals("/api/users/me")).findFirst().orElseThrow();
        assertThat(reflected.evidence().field()).isEqualTo("role");
        assertThat(reflected.evidence().facts()).containsEntry("reflectedInResponse", true);
        assertThat(reflected.severity()).isEqualTo(Severity.HIGH);
        Finding form = h.findings(RuleId.API3_PRIVILEGE_FIELD_WRITE).stream()
                .filter(f -> f.template().equals("/api/signup")).findFirst().orElseThrow();
        assertThat(form.evidence().field()).isEqualTo("user.isAdmin");
        assertThat(form.severity()).isEqualTo(Severity.MEDIUM);
    }

    @Test
    void refusedWritesOrdinaryFieldsAndPrivilegeManagementAreNot() {
        Harness h = new Harness().feed(
                call("PATCH", "/api/users/me").bearer(TOKEN).json("{\"role\": \"admin\"}").respond(403, "{}"),
                call("PATCH", "/api/users/me").bearer(TOKEN).json("{\"displayName\": \"Pat\", \"roleDescription\": 1}").respond(200, "{}"),
                call("PUT", "/api/admin/users/5").bearer(TOKEN).json("{\"role\": \"editor\"}").respond(200, "{}"),
                call("PUT", "/api/roles/7").bearer(TOKEN).json("{\"permissions\": [\"read\"]}").respond(200, "{}"),
                get("/api/users/me?role=admin").bearer(TOKEN).respond(200, "{}"));

        assertThat(h.findings(RuleId.API3_PRIVILEGE_FIELD_WRITE)).isEmpty();
    }
}
