package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import org.junit.jupiter.api.Test;

/** API8: security misconfiguration. */
class MisconfigurationRulesTest {
    private static final String PERSON = "{\"email\": \"pat.doe@example.com\"}";

    @Test
    void sensitiveDataOverPlaintext() {
        Harness h = new Harness().feed(get("/api/profile").plaintext().header("Cookie", "sid=abc").respond(200, PERSON));

        Finding f = h.only(RuleId.API8_SENSITIVE_DATA_PLAINTEXT);
        assertThat(f.evidence().location()).isEqualTo(EvidenceLocation.CONNECTION);
        assertThat(f.evidence().dataClasses()).contains(DataClass.EMAIL);
        assertThat(f.evidence().facts()).containsEntry("inResponse", true);
    }

    @Test
    void tlsLoopbackAndAddressesOnlyAreNot() {
        Harness h = new Harness().feed(
                get("/api/profile").respond(200, PERSON),
                get("/api/profile").plaintext().server("127.0.0.1", 8080).host("127.0.0.1:8080").respond(200, PERSON),
                get("/api/echo").plaintext().respond(200, "{\"ip\": \"192.0.2.44\"}"),
                get("/api/products").plaintext().respond(200, "{\"title\": \"Lamp\"}"));

        assertThat(h.findings(RuleId.API8_SENSITIVE_DATA_PLAINTEXT)).isEmpty();
    }

    @Test
    void permissiveCorsWithCredentials() {
        Harness h = new Harness().feed(
                get("/api/a").header("Origin", "https://app.shop.test").responseHeader("Access-Control-Allow-Origin", "*")
                        .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{}"),
                get("/api/b").header("Origin", "https://evil.example").responseHeader("Access-Control-Allow-Origin", "https://evil.example")
                        .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{}"));
        for (String sub : new String[] {"x", "y", "z"}) {
            h.feed(get("/api/c").header("Origin", "https://" + sub + ".shop.test")
                    .responseHeader("Access-Control-Allow-Origin", "https://" + sub + ".shop.test")
                    .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{}"));
        }

        assertThat(h.findings(RuleId.API8_CORS_CREDENTIALS)).extracting(Finding::template, Finding::severity)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/api/a", Severity.MEDIUM),
                        org.assertj.core.groups.Tuple.tuple("/api/b", Severity.HIGH),
                        org.assertj.core.groups.Tuple.tuple("/api/c", Severity.HIGH));
        Finding c = h.findings(RuleId.API8_CORS_CREDENTIALS).stream().filter(f -> f.template().equals("/api/c")).findFirst().orElseThrow();
        assertThat(c.evidence().facts()).containsEntry("reflectedOrigins", 3L).containsEntry("foreignOriginReflected", false);
        assertThat(c.evidence().headerName()).isEqualTo("Access-Control-Allow-Origin");
    }

    @Test
    void corsWithoutCredentialsOrWithOneTrustedOriginIsNot() {
        Harness h = new Harness().feed(
                get("/api/a").header("Origin", "https://evil.example").responseHeader("Access-Control-Allow-Origin", "*").respond(200, "{}"),
                get("/api/b").header("Origin", "https://app.shop.test").responseHeader("Access-Control-Allow-Origin", "https://app.shop.test")
                        .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{}"),
                get("/api/b").header("Origin", "https://evil.example").responseHeader("Access-Control-Allow-Origin", "https://app.shop.test")
                        .responseHeader("Access-Control-Allow-Credentials", "true").respond(200, "{}"));

        assertThat(h.findings(RuleId.API8_CORS_CREDENTIALS)).isEmpty();
    }

    @Test
    void stackTracesInAnswers() {
        Harness h = new Harness().feed(
                get("/api/java").respond(500, "text/plain", "java.lang.NullPointerException: boom\n\tat com.shop.orders.OrderService.load(OrderService.java:42)\n\tat com.shop.Api.get(Api.java:7)"),
                get("/api/python").respond(500, "text/html", "<pre>Traceback (most recent call last):\n  File \"/app/views.py\", line 12, in get\nKeyError: 'id'</pre>"),
                get("/api/node").respond(400, "{\"error\": \"TypeError: x is undefined\", \"stack\": \"TypeError: x\\n    at Object.handler (/srv/app/routes/items.js:10:5)\\n    at next (/srv/app/node_modules/express/lib/router/route.js:149:13)\"}"),
                get("/api/dotnet").respond(500, "text/plain", "System.InvalidOperationException: nope\r\n   at Shop.Api.OrdersController.Get(Int32 id) in C:\\src\\Shop\\OrdersController.cs:line 42"),
                get("/api/go").respond(500, "text/plain", "panic: runtime error\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:8 +0x1d"),
                get("/api/php").respond(200, "text/html", "<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function f() in "
                        + "<b>/var/www/html/index.php</b> on line <b>12</b><br />"),
                get("/api/ruby").respond(500, "text/plain", "NoMethodError (undefined method `name' for nil):\n"
                        + "app/controllers/users_controller.rb:14:in `show'"));

        assertThat(h.findings(RuleId.API8_STACK_TRACE)).hasSize(7).allSatisfy(f -> assertThat(f.evidence().location())
                .isEqualTo(EvidenceLocation.RESPONSE_BODY));
        assertThat(h.findings(RuleId.API8_STACK_TRACE).stream().filter(f -> f.template().equals("/api/java")).findFirst().orElseThrow()
                .evidence().facts()).containsEntry("java", true).containsEntry("serverError", true);
        assertThat(h.findings(RuleId.API8_STACK_TRACE).stream().filter(f -> f.template().equals("/api/node")).findFirst().orElseThrow()
                .evidence().facts()).containsEntry("node", true).containsEntry("serverError", false);
    }

    @Test
    void proseAboutErrorsIsNotAStackTrace() {
        Harness h = new Harness().feed(
                get("/api/help").respond(200, "{\"text\": \"If an exception occurs at checkout, retry. See Main.java for details at line 4.\"}"),
                get("/api/err").respond(500, "{\"error\": \"internal error\", \"traceId\": \"4bf92f3577b34da6\"}"),
                get("/api/warnings").respond(200, "text/plain", "Warning: ".repeat(5_000) + "see the manual (php)"));

        assertThat(h.findings(RuleId.API8_STACK_TRACE)).isEmpty();
    }

    @Test
    void missingSecurityHeaders() {
        Harness h = new Harness().feed(
                get("/api/profile").respond(200, PERSON),
                get("/page").responseHeader("X-Content-Type-Options", "nosniff").responseHeader("Strict-Transport-Security", "max-age=63072000")
                        .respond(200, "text/html", "<html></html>"));

        Finding profile = h.findings(RuleId.API8_MISSING_SECURITY_HEADERS).stream().filter(f -> f.template().equals("/api/profile"))
                .findFirst().orElseThrow();
        assertThat(profile.evidence().facts()).containsEntry("missingHsts", true).containsEntry("missingNosniff", true)
                .containsEntry("sensitiveCacheable", true);
        assertThat(profile.severity()).isEqualTo(Severity.MEDIUM);
        Finding page = h.findings(RuleId.API8_MISSING_SECURITY_HEADERS).stream().filter(f -> f.template().equals("/page"))
                .findFirst().orElseThrow();
        assertThat(page.evidence().facts()).containsEntry("missingCsp", true).containsEntry("missingFrameProtection", true)
                .containsEntry("missingHsts", false);
        assertThat(page.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void wellConfiguredAnswersAreNot() {
        Harness h = new Harness().feed(
                get("/api/profile").responseHeader("X-Content-Type-Options", "nosniff")
                        .responseHeader("Strict-Transport-Security", "max-age=63072000").responseHeader("Cache-Control", "no-store")
                        .respond(200, PERSON),
                get("/api/file").respond(200, "application/pdf", "%PDF-1.7"),
                get("/api/missing").respond(404, "{}"));

        assertThat(h.findings(RuleId.API8_MISSING_SECURITY_HEADERS)).isEmpty();
    }
}
