package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

/** API7: URL-valued parameters (SSRF preconditions). */
class UrlParameterRuleTest {

    @Test
    void urlsTheServerMayFetch() {
        Harness h = new Harness().feed(
                call("POST", "/api/webhooks").json("{\"target\": {\"url\": \"https://hooks.partner.example/x\"}}").respond(201, "{}"),
                call("POST", "/api/previews").json("{\"url\": \"http://169.254.169.254/latest/meta-data/\"}").respond(200, "{}"),
                get("/api/import?source=file%3A%2F%2F%2Fetc%2Fpasswd").respond(200, "{}"),
                get("/api/fetch?u=http%3A%2F%2F2130706433%2F").respond(200, "{}"));

        assertThat(h.findings(RuleId.API7_URL_PARAMETER))
                .extracting(Finding::template, f -> f.evidence().field(), Finding::severity,
                        f -> f.evidence().facts().get("internalTarget"), f -> f.evidence().facts().get("nonHttpScheme"))
                .containsExactlyInAnyOrder(
                        tuple("/api/webhooks", "target.url", Severity.LOW, false, false),
                        tuple("/api/previews", "url", Severity.HIGH, true, false),
                        tuple("/api/import", "source", Severity.HIGH, true, true),
                        tuple("/api/fetch", "u", Severity.HIGH, true, false));
    }

    @Test
    void browserRedirectsRefusalsAndNonUrlsAreNot() {
        Harness h = new Harness().feed(
                get("/oauth/authorize?redirect_uri=https%3A%2F%2Fapp.example%2Fcb&state=xyz").respond(200, "text/html", "<p>"),
                get("/login?next=https%3A%2F%2Fapp.example%2Fhome&returnTo=https%3A%2F%2Fapp.example").respond(200, "text/html", "<p>"),
                call("POST", "/api/previews").json("{\"url\": \"http://10.0.0.1/\"}").respond(400, "{}"),
                call("POST", "/api/notes").json("{\"text\": \"see http://x.example for details\", \"site\": \"example.com\"}").respond(201, "{}"));

        assertThat(h.findings(RuleId.API7_URL_PARAMETER)).isEmpty();
    }
}
