package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Looking for "://" first finds the URLs the pattern alone finds: in the corpus values and near misses. */
    @Test
    void urlsAreFoundAsThePatternAloneFindsThem() throws IOException {
        List<String> values = new ArrayList<>(List.of("https://x.example/a", "  HTTP://X.example ", "gopher://h:70/",
                "file:///etc/passwd", "ab://c", "a://b", "://x", "x://", "see https://x.example", "svn+ssh://h/r",
                "abcdefghijklmnop://h", "abcdefghijklmnopq://h", "a://b://c", "mailto:x@y.example", "urn:isbn:1"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(Path.of("src/test/resources/classification/corpus.jsonl"))) {
            values.add(json.readTree(line).get("value").asText());
        }
        int urls = 0;
        for (String value : values) {
            boolean byPattern = UrlParameterRule.ABSOLUTE_URL.matcher(value.strip()).find();
            assertThat(UrlParameterRule.absoluteUrl(value) != null).as(value).isEqualTo(byPattern);
            urls += byPattern ? 1 : 0;
        }
        assertThat(urls).isGreaterThan(5);
    }
}
