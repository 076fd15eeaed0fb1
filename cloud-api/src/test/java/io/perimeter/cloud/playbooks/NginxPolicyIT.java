package io.perimeter.cloud.playbooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.cloud.playbooks.policy.Gateway;
import io.perimeter.cloud.playbooks.policy.GatewayPolicies;
import io.perimeter.cloud.playbooks.policy.PolicyFile;
import io.perimeter.cloud.playbooks.policy.PolicyMode;
import io.perimeter.cloud.playbooks.policy.PolicyTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Generated nginx policies in a real nginx: before they are applied the attack, the admin route and a burst all get
 * 200; after {@code nginx -s reload} the attack and the admin route get 403, the second call within the rate gets
 * 429 on each of two rate-limited routes (two rate-limit policies load into one server block), normal requests still
 * get 200, and a template built to inject a directive only blocks its own path.
 */
@Tag("gateway")
class NginxPolicyIT {
    private static final String SQL_INJECTION = "/api/users/42?q=1%27%20OR%201%3D1";
    private static final String XSS_PLUS = "/api/users/42?name=%3Cscript%3Ealert(1)%3C/script%3E";
    private static NginxGateway nginx;

    @BeforeAll
    static void start() throws Exception {
        nginx = NginxGateway.start();
    }

    @AfterAll
    static void stop() {
        nginx.close();
    }

    @Test
    void generatedPoliciesBlockTheAttackAndTheRouteAndLimitTheRateWhileNormalRequestsPass() throws Exception {
        assertThat(nginx.get(SQL_INJECTION)).isEqualTo(200);
        assertThat(nginx.get("/admin/users/7")).isEqualTo(200);
        assertThat(nginx.get("/api/search?q=a")).isEqualTo(200);
        assertThat(nginx.get("/api/search?q=a")).isEqualTo(200);
        assertThat(nginx.get("/api/orders")).isEqualTo(200);
        assertThat(nginx.get("/api/orders")).isEqualTo(200);

        GatewayPolicies policies = GatewayPolicies.standalone();
        List<PolicyFile> files = new ArrayList<>();
        files.addAll(policies.render(Gateway.NGINX, PolicyTarget.of(UUID.randomUUID(), "ATTACK-SQL-INJECTION", "GET",
                "/api/users/{id}", PolicyMode.BLOCK_PATTERN, 0, null)));
        files.addAll(policies.render(Gateway.NGINX, PolicyTarget.of(UUID.randomUUID(),
                "API5-ADMIN-ROUTE-ORDINARY-IDENTITY", "GET", "/admin/users/{id}", PolicyMode.BLOCK_ROUTE, 0, null)));
        files.addAll(policies.render(Gateway.NGINX, PolicyTarget.of(UUID.randomUUID(), "API4-NO-RATE-LIMIT", "GET",
                "/api/search", PolicyMode.RATE_LIMIT, 1, null)));
        // A second rate-limit policy in the same server block: both must load together.
        files.addAll(policies.render(Gateway.NGINX, PolicyTarget.of(UUID.randomUUID(), "API4-NO-RATE-LIMIT", "GET",
                "/api/orders", PolicyMode.RATE_LIMIT, 1, null)));
        // A finding whose template tries to close the regex and add a directive: it must stay a harmless route.
        files.addAll(policies.render(Gateway.NGINX, PolicyTarget.of(UUID.randomUUID(), "API9-SHADOW-ENDPOINT", "GET",
                "/x\";return 200 \"pwned\";#/{id}", PolicyMode.BLOCK_ROUTE, 0, null)));
        nginx.apply(files);

        assertThat(nginx.get(SQL_INJECTION)).as("SQL injection probe").isEqualTo(403);
        assertThat(nginx.get("/api/users/42?q=1'+or+'1'='1")).as("quoted probe").isEqualTo(403);
        assertThat(nginx.get("/api/users/42?expand=orders")).as("normal request").isEqualTo(200);
        assertThat(nginx.get("/api/users/42?q=o%27brien")).as("an apostrophe in a name").isEqualTo(200);
        assertThat(nginx.get(XSS_PLUS)).as("another attack, on a rule not applied").isEqualTo(200);
        assertThat(nginx.get("/api/orders/42?q=1%27%20OR%201%3D1")).as("another route").isEqualTo(200);

        assertThat(nginx.get("/admin/users/7")).as("blocked route").isEqualTo(403);
        assertThat(nginx.get("/admin/settings")).as("another admin path").isEqualTo(200);

        assertThat(nginx.get("/api/search?q=b")).as("first call in the minute").isEqualTo(200);
        assertThat(nginx.get("/api/search?q=c")).as("over the rate").isEqualTo(429);
        assertThat(nginx.get("/api/orders")).as("first call in the minute, second policy").isEqualTo(200);
        assertThat(nginx.get("/api/orders")).as("over the rate, second policy").isEqualTo(429);
        assertThat(nginx.get("/api/users/1")).as("unlimited route").isEqualTo(200);
        assertThat(nginx.get("/api/users/2")).as("unlimited route").isEqualTo(200);

        assertThat(nginx.body("/anything")).as("the hostile template added no directive").isEqualTo("ok\n");
        assertThat(nginx.body("/x%22;return%20200%20%22pwned%22;%23/7"))
                .as("the hostile template is one route, blocked as such").doesNotContain("pwned");
        assertThat(nginx.get("/x%22;return%20200%20%22pwned%22;%23/7")).as("its own path is blocked").isEqualTo(403);
    }
}
