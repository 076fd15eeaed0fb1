package io.perimeter.cloud.members;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Members and roles of acme, and who the caller is. Keycloak administration is configured, so new members are
 * checked against the realm; adding and removing members of an organization is in TenantsIT, on a tenant of its own,
 * so that the shared realm's acme and globex keep their members.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class MembersIT {
    private static CloudApiFixture cloud;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak,
                Map.of("perimeter.keycloak.admin-client-secret", keycloak.apiClientSecret()));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @AfterEach
    void restoreRoles() {
        cloud.as("alice").put("/api/v1/members/bob", Map.of("role", "analyst"));
        cloud.as("alice").put("/api/v1/members/dave", Map.of("role", "viewer"));
    }

    @Test
    void everyMemberSeesTheMembersAndOnlyAdminsChangeRoles() {
        JsonNode members = ok(cloud.as("dave").inTenant("acme").get("/api/v1/members"));
        assertThat(members.findValuesAsText("username")).containsExactly("alice", "bob", "dave");
        assertThat(members.findValuesAsText("role")).containsExactly("owner", "analyst", "viewer");

        Reply analyst = cloud.as("bob").put("/api/v1/members/dave", Map.of("role", "analyst"));
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.problemType()).isEqualTo("role-required");

        JsonNode promoted = ok(cloud.as("alice").put("/api/v1/members/bob", Map.of("role", "admin")));
        assertThat(promoted.path("role").asText()).isEqualTo("admin");
        assertThat(ok(cloud.as("bob").put("/api/v1/members/dave", Map.of("role", "analyst"))).path("role").asText())
                .isEqualTo("analyst");
        assertThat(cloud.as("bob").put("/api/v1/members/dave", Map.of("role", "owner")).status()).isEqualTo(403);
        assertThat(cloud.as("bob").put("/api/v1/members/alice", Map.of("role", "viewer")).status()).isEqualTo(403);
        assertThat(cloud.as("bob").delete("/api/v1/members/alice").status()).isEqualTo(403);

        JsonNode audit = ok(cloud.as("alice").get("/api/v1/audit"));
        assertThat(audit.findValuesAsText("action")).contains("member.role-changed");
    }

    @Test
    void aTenantKeepsItsLastOwner() {
        Reply demoted = cloud.as("alice").put("/api/v1/members/alice", Map.of("role", "admin"));
        assertThat(demoted.status()).isEqualTo(409);
        assertThat(demoted.problemType()).isEqualTo("last-owner");
        assertThat(cloud.as("alice").delete("/api/v1/members/alice").problemType()).isEqualTo("last-owner");

        ok(cloud.as("alice").put("/api/v1/members/bob", Map.of("role", "owner")));
        assertThat(ok(cloud.as("bob").put("/api/v1/members/alice", Map.of("role", "admin"))).path("role").asText())
                .isEqualTo("admin");
        assertThat(cloud.as("bob").put("/api/v1/members/bob", Map.of("role", "analyst")).problemType())
                .isEqualTo("last-owner");
        ok(cloud.as("bob").put("/api/v1/members/alice", Map.of("role", "owner")));
    }

    @Test
    void unknownMembersRolesAndUsersAreRefusedAndOtherTenantsGet404() {
        ApiClient alice = cloud.as("alice");
        assertThat(alice.put("/api/v1/members/zed", Map.of("role", "viewer")).status()).isEqualTo(404);
        assertThat(alice.delete("/api/v1/members/zed").status()).isEqualTo(404);
        assertThat(alice.put("/api/v1/members/bob", Map.of("role", "king")).problemType()).isEqualTo("unknown-role");
        assertThat(alice.put("/api/v1/members/bob", Map.of()).status()).isEqualTo(400);
        assertThat(alice.post("/api/v1/members", Map.of("username", "bob", "role", "viewer")).problemType())
                .isEqualTo("already-a-member");
        Reply stranger = alice.post("/api/v1/members", Map.of("username", "nobody-" + System.nanoTime(),
                "role", "viewer"));
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(422);
        assertThat(stranger.problemType()).isEqualTo("unknown-user");
        assertThat(alice.post("/api/v1/members", Map.of("username", "bad name", "role", "viewer")).status())
                .isEqualTo(400);

        assertThat(cloud.as("carol").put("/api/v1/members/bob", Map.of("role", "viewer")).status()).isEqualTo(404);
        assertThat(cloud.as("carol").delete("/api/v1/members/bob").status()).isEqualTo(404);
        assertThat(cloud.as("dave").inTenant("globex").put("/api/v1/members/bob", Map.of("role", "viewer")).status())
                .isEqualTo(404);
        assertThat(ok(cloud.as("alice").get("/api/v1/members")).findValuesAsText("role"))
                .containsExactly("owner", "analyst", "viewer");
    }

    @Test
    void meNamesTheCallerTheirTenantsAndTheCurrentOne() {
        JsonNode alice = ok(cloud.as("alice").get("/api/v1/me"));
        assertThat(alice.path("username").asText()).isEqualTo("alice");
        assertThat(alice.path("operator").asBoolean()).isFalse();
        assertThat(alice.path("current").path("slug").asText()).isEqualTo("acme");
        assertThat(alice.path("current").path("role").asText()).isEqualTo("owner");

        JsonNode dave = ok(cloud.as("dave").get("/api/v1/me"));
        assertThat(dave.path("memberships").findValuesAsText("slug")).containsExactly("acme", "globex");
        assertThat(dave.path("current").isMissingNode() || dave.path("current").isNull()).isTrue();
        JsonNode daveInGlobex = ok(cloud.as("dave").inTenant("globex").get("/api/v1/me"));
        assertThat(daveInGlobex.path("current").path("name").asText()).isEqualTo("Globex");
        assertThat(daveInGlobex.path("current").path("role").asText()).isEqualTo("viewer");

        JsonNode olga = ok(cloud.as("olga").get("/api/v1/me"));
        assertThat(olga.path("operator").asBoolean()).isTrue();
        assertThat(olga.path("memberships").size()).isZero();
        assertThat(cloud.anonymous().get("/api/v1/me").status()).isEqualTo(401);
    }

    private static JsonNode ok(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }
}
