package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attack attempts in calls, with where they were and what the API did. */
class AttackRuleTest {

    @Test
    void outcomeAndSeverityFollowTheStatus() {
        Harness h = new Harness().feed(
                get("/api/search?q=%27%20or%201%3D1--").respond(200, "[]"),
                get("/api/items?sort=name%27%3B--").respond(403, "{}"),
                get("/api/users?id=1%20union%20select%20password%20from%20users").respond(500, "{}"),
                get("/api/orders?id=1%27%20and%20sleep(5)%23").status(null));

        assertThat(h.findings(RuleId.ATTACK_SQL_INJECTION))
                .extracting(Finding::template, f -> f.evidence().field(), Finding::outcome, Finding::severity)
                .containsExactlyInAnyOrder(
                        tuple("/api/search", "q", Optional.of(Outcome.SUCCEEDED), Severity.HIGH),
                        tuple("/api/items", "sort", Optional.of(Outcome.REJECTED), Severity.LOW),
                        tuple("/api/users", "id", Optional.of(Outcome.UNKNOWN), Severity.MEDIUM),
                        tuple("/api/orders", "id", Optional.of(Outcome.UNKNOWN), Severity.MEDIUM));
    }

    @Test
    void attemptsAreFoundWhereverTheySit() {
        Harness h = new Harness().feed(
                get("/static/..%2f..%2fetc%2fpasswd").respond(404, "text/plain", "no"),
                call("POST", "/api/comments").json("{\"post\": 3, \"body\": {\"text\": \"<img src=x onerror=alert(1)>\"}}").respond(201, "{}"),
                call("POST", "/api/ping").body("application/x-www-form-urlencoded", "host=127.0.0.1%3Bcat%20%2Fetc%2Fpasswd").respond(200, "{}"),
                get("/cgi-bin/status").header("User-Agent", "() { :; }; /bin/bash -c 'cat /etc/passwd'").respond(200, "text/plain", "ok"),
                call("POST", "/api/import").body("text/xml", "<a>../../../../etc/shadow</a>").respond(400, "text/plain", "bad"));

        assertThat(h.findings()).filteredOn(f -> f.category() == OwaspCategory.ATTACK)
                .extracting(f -> f.rule(), f -> f.evidence().location(), f -> f.evidence().field(), f -> f.evidence().headerName())
                .contains(
                        tuple(RuleId.ATTACK_PATH_TRAVERSAL, EvidenceLocation.REQUEST_PATH, null, null),
                        tuple(RuleId.ATTACK_XSS, EvidenceLocation.REQUEST_BODY, "body.text", null),
                        tuple(RuleId.ATTACK_COMMAND_INJECTION, EvidenceLocation.REQUEST_BODY, "host", null),
                        tuple(RuleId.ATTACK_COMMAND_INJECTION, EvidenceLocation.REQUEST_HEADER, null, "User-Agent"),
                        tuple(RuleId.ATTACK_PATH_TRAVERSAL, EvidenceLocation.REQUEST_BODY, null, null));
    }

    @Test
    void outcomesAddUpOnOneFinding() {
        Harness h = new Harness();
        for (int i = 0; i < 3; i++) {
            h.feed(get("/api/search?q=%3Cscript%3Ealert(" + i + ")%3C%2Fscript%3E").at(Traffic.T0.plusSeconds(i)).respond(400, "{}"));
        }
        h.feed(get("/api/search?q=%3Cscript%3Ealert(9)%3C%2Fscript%3E").at(Traffic.T0.plusSeconds(60)).respond(200, "{}"));

        Finding f = h.only(RuleId.ATTACK_XSS);
        assertThat(f.count()).isEqualTo(4);
        assertThat(f.outcome()).contains(Outcome.SUCCEEDED);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
        assertThat(f.evidence().facts()).containsEntry("succeeded", 1L).containsEntry("rejected", 3L).containsEntry("unknown", 0L);
        assertThat(f.firstSeen()).isEqualTo(Traffic.T0);
        assertThat(f.lastSeen()).isEqualTo(Traffic.T0.plusSeconds(60));
    }

    @Test
    void everydayTrafficRaisesNoAttack() {
        Harness h = new Harness().feed(
                get("/api/people?name=O%27Brien&city=Coeur+d%27Alene").respond(200, "[]"),
                get("/downloads/release-1.2..1.3/notes.txt").respond(200, "text/plain", "x"),
                call("POST", "/api/notes").json("{\"text\": \"Tom & Jerry; cats; select one or more\", \"tags\": [\"a-b\", \"c_d\"]}").respond(201, "{}"),
                get("/api/search?q=rock+%27n%27+roll&limit=20").header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36")
                        .header("Referer", "https://shop.test/search?q=lamps&page=2").respond(200, "[]"));

        assertThat(h.findings()).filteredOn(f -> f.category() == OwaspCategory.ATTACK).isEmpty();
    }
}
