package io.perimeter.analyzer.findings;

import static io.perimeter.analyzer.findings.Traffic.call;
import static io.perimeter.analyzer.findings.Traffic.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** API5: admin-like routes that succeed for ordinary identities. */
class FunctionAuthorizationRuleTest {
    private static final long LATER = Traffic.T0.getEpochSecond() + 3_600;

    private static String token(String sub, String roles) {
        return Traffic.jwt("{\"alg\":\"RS256\"}", "{\"sub\":\"" + sub + "\",\"exp\":" + LATER + roles + "}", "c2ln");
    }

    @Test
    void anOrdinaryRoleReachingAnAdminRoute() {
        Harness h = new Harness().feed(get("/api/admin/users").bearer(token("pat", ",\"roles\":[\"user\",\"reader\"]"))
                .respond(200, "[]"));

        Finding f = h.only(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY);
        assertThat(f.evidence().facts()).containsEntry("ordinaryByClaims", true).containsEntry("anonymous", false)
                .containsEntry("deniedElsewhere", false);
        assertThat(f.severity()).isEqualTo(Severity.HIGH);
    }

    @Test
    void anIdentityDeniedOneAdminRouteSucceedingOnAnother() {
        String opaque = "0paque-token-of-pat-0123456789";
        Harness h = new Harness().feed(
                get("/api/admin/settings").bearer(opaque).respond(403, "{}"),
                call("POST", "/api/admin/export").bearer(opaque).json("{}").respond(200, "{}"));

        Finding f = h.only(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY);
        assertThat(f.template()).isEqualTo("/api/admin/export");
        assertThat(f.evidence().facts()).containsEntry("deniedElsewhere", true);
    }

    @Test
    void anonymousWritesToAdminRoutes() {
        Harness h = new Harness().feed(call("DELETE", "/admin/users/5").respond(204, "text/plain", ""));

        assertThat(h.only(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY).evidence().facts()).containsEntry("anonymous", true);
    }

    @Test
    void adminsUnknownRolesLoginPagesAndOrdinaryRoutesAreNot() {
        Harness h = new Harness().feed(
                get("/api/admin/users").bearer(token("root", ",\"roles\":[\"user\",\"ADMIN\"]")).respond(200, "[]"),
                get("/api/admin/users").bearer(token("ops", ",\"realm_access\":{\"roles\":[\"realm-admin\"]}")).respond(200, "[]"),
                get("/api/admin/users").bearer(token("flag", ",\"is_admin\":true")).respond(200, "[]"),
                get("/api/admin/stats").bearer(token("pat", "")).respond(200, "{}"), // no role claims: unknown
                get("/admin/login").respond(200, "text/html", "<form>"),
                get("/admin/assets/app.js").respond(200, "text/javascript", "x"),
                get("/api/orders").bearer(token("pat", ",\"roles\":[\"user\"]")).respond(200, "[]"),
                get("/api/admin/users").bearer(token("pat", ",\"roles\":[\"user\"]")).respond(403, "{}"));

        assertThat(h.findings(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY)).isEmpty();
    }
}
