package io.perimeter.cloud.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.representations.idm.MemberRepresentation;
import org.keycloak.representations.idm.OrganizationRepresentation;

/**
 * The operator onboards a tenant of its own (a fresh slug, so the shared realm's tenants are untouched), its owner
 * adds and removes a member, mirrored into the tenant's Keycloak organization, and the operator offboards it.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class TenantsIT {
    private static CloudApiFixture cloud;
    private static KeycloakEndpoint keycloak;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint endpoint) {
        keycloak = endpoint;
        cloud = CloudApiFixture.start(postgres, endpoint,
                Map.of("perimeter.keycloak.admin-client-secret", endpoint.apiClientSecret()));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void anOperatorOnboardsATenantWhoseOwnerManagesMembersMirroredInKeycloakAndOffboardsIt() {
        String slug = "t" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xffffff));
        Map<String, Object> request = Map.of("slug", slug, "name", "Initech", "firstAdmin", Map.of("username", "carol"));
        try (Keycloak admin = KeycloakBuilder.builder().serverUrl(keycloak.baseUrl()).realm("master")
                .clientId("admin-cli").username(keycloak.adminUser()).password(keycloak.adminPassword()).build()) {
            assertThat(cloud.as("alice").post("/api/v1/tenants", request).status()).isEqualTo(403);
            assertThat(cloud.as("alice").get("/api/v1/tenants").status()).isEqualTo(403);

            Reply created = cloud.as("olga").post("/api/v1/tenants", request);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(created.json().path("resources").get(0).asText())
                    .isEqualTo("Keycloak organization " + slug + " in realm perimeter");
            assertThat(cloud.as("olga").post("/api/v1/tenants", request).status()).as("the same again").isEqualTo(200);
            assertThat(cloud.as("olga").post("/api/v1/tenants", Map.of("slug", slug, "name", "Other",
                    "firstAdmin", Map.of("username", "carol"))).problemType()).isEqualTo("tenant-exists");
            assertThat(cloud.as("olga").post("/api/v1/tenants", Map.of("slug", slug, "name", "Initech",
                    "firstAdmin", Map.of("username", "bob"))).status()).isEqualTo(409);
            assertThat(cloud.as("olga").post("/api/v1/tenants", Map.of("slug", "No Slug", "name", "x",
                    "firstAdmin", Map.of("username", "bob"))).status()).isEqualTo(400);
            JsonNode tenants = cloud.as("olga").get("/api/v1/tenants").json();
            assertThat(tenants.findValuesAsText("slug")).contains("acme", "globex", slug);

            // carol's token is fetched now, so its organization claim includes the new tenant.
            var carol = cloud.as("carol").inTenant(slug);
            assertThat(carol.get("/api/v1/members").json().findValuesAsText("username")).containsExactly("carol");
            Reply added = carol.post("/api/v1/members", Map.of("username", "bob", "role", "analyst"));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
            assertThat(organizationMembers(admin, slug)).contains("bob", "carol");

            assertThat(carol.delete("/api/v1/members/bob").status()).isEqualTo(204);
            assertThat(organizationMembers(admin, slug)).containsExactly("carol");
            assertThat(carol.get("/api/v1/audit").json().findValuesAsText("action"))
                    .contains("tenant.onboarded", "member.added", "member.removed");

            assertThat(cloud.as("olga").delete("/api/v1/tenants/" + slug).status()).isEqualTo(204);
            assertThat(cloud.as("olga").delete("/api/v1/tenants/" + slug).status()).isEqualTo(404);
            assertThat(cloud.as("olga").get("/api/v1/tenants").json().findValuesAsText("slug")).doesNotContain(slug);
            assertThat(admin.realm("perimeter").organizations().search(slug, true, 0, 10)).isEmpty();
        } finally {
            cloud.as("olga").delete("/api/v1/tenants/" + slug);
        }
    }

    private static List<String> organizationMembers(Keycloak admin, String slug) {
        List<OrganizationRepresentation> found = admin.realm("perimeter").organizations().search(slug, true, 0, 10);
        assertThat(found).hasSize(1);
        return admin.realm("perimeter").organizations().get(found.getFirst().getId()).members().getAll().stream()
                .map(MemberRepresentation::getUsername).sorted().toList();
    }
}
