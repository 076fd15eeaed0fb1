package io.perimeter.cloud.edges;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.identity.SecretToken;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Enrollment end to end through the API: token, enroll once, rotate, revoke; and every refusal on the way. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class EnrollmentIT {
    private static CloudApiFixture cloud;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void anAdminsTokenEnrollsOneEdgeWhoseCredentialThenWorksUntilRotatedOrRevoked() {
        Reply created = cloud.as("alice").post("/api/v1/edges/enrollment-tokens", Map.of("edgeName", "edge-fra-01"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String token = created.json().path("token").asText();
        assertThat(token).startsWith("pet1.");
        assertThat(created.json().path("installCommand").asText())
                .isEqualTo("perimeter-edge enroll --cloud https://perimeter.test --token " + token);

        Reply enrolled = cloud.anonymous().post("/edge/v1/enroll",
                Map.of("token", token, "hostname", "fra-01.internal", "version", "0.1.0"));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(201);
        JsonNode edge = enrolled.json();
        assertThat(edge.path("tenant").asText()).isEqualTo("acme");
        String credential = edge.path("credential").asText();
        String edgeId = edge.path("edgeId").asText();
        assertThat(credential).startsWith("pe1." + edgeId + ".");

        Reply again = cloud.anonymous().post("/edge/v1/enroll", Map.of("token", token));
        assertThat(again.status()).isEqualTo(401);
        assertThat(again.problemType()).isEqualTo("enrollment-token-used");

        Reply listed = cloud.as("alice").get("/api/v1/edges");
        assertThat(listed.json().findValuesAsText("id")).contains(edgeId);
        JsonNode shown = cloud.as("dave").inTenant("acme").get("/api/v1/edges/" + edgeId).json();
        assertThat(shown.path("name").asText()).isEqualTo("edge-fra-01");
        assertThat(shown.path("status").asText()).isEqualTo("enrolled");
        assertThat(shown.toString()).doesNotContain(credential.substring(credential.lastIndexOf('.') + 1))
                .doesNotContain("hash");

        Reply rotated = cloud.asEdge(credential).post("/edge/v1/credential", Map.of());
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String next = rotated.json().path("credential").asText();
        assertThat(next).isNotEqualTo(credential).startsWith("pe1." + edgeId + ".");
        assertThat(cloud.asEdge(credential).post("/edge/v1/credential", Map.of()).status()).isEqualTo(401);

        Reply revoked = cloud.as("alice").post("/api/v1/edges/" + edgeId + "/revoke", Map.of());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("revoked");
        assertThat(revoked.json().path("revokedBy").asText()).isEqualTo("alice");
        assertThat(cloud.asEdge(next).post("/edge/v1/credential", Map.of()).status()).isEqualTo(401);

        JsonNode audit = cloud.as("alice").get("/api/v1/audit").json();
        assertThat(audit.findValuesAsText("action")).contains("edge.enrollment-token.created", "edge.enrolled",
                "edge.credential.rotated", "edge.revoked");
        assertThat(audit.toString()).doesNotContain(token).doesNotContain(credential).doesNotContain(next);
    }

    @Test
    void unknownMalformedAndExpiredTokensAreRefusedWithTheirReason() {
        assertThat(cloud.anonymous().post("/edge/v1/enroll", Map.of("token", "pet1.nope")).problemType())
                .isEqualTo("enrollment-token-invalid");
        SecretToken forged = SecretToken.issue(SecretToken.ENROLLMENT, UUID.randomUUID());
        assertThat(cloud.anonymous().post("/edge/v1/enroll", Map.of("token", forged.value())).status()).isEqualTo(401);

        SecretToken expired = SecretToken.issue(SecretToken.ENROLLMENT, UUID.randomUUID());
        cloud.context().getBean(TenantTransactions.class).write(cloud.acme.id(), () -> {
            cloud.context().getBean(EnrollmentTokenRepository.class).save(new EnrollmentToken(expired.id(),
                    cloud.acme.id(), expired.hash(), "late-edge", "alice", Instant.now().minus(2, ChronoUnit.HOURS),
                    Instant.now().minus(1, ChronoUnit.HOURS), null, null));
            return null;
        });
        Reply late = cloud.anonymous().post("/edge/v1/enroll", Map.of("token", expired.value()));
        assertThat(late.status()).isEqualTo(401);
        assertThat(late.problemType()).isEqualTo("enrollment-token-expired");

        Reply bad = cloud.anonymous().post("/edge/v1/enroll", Map.of("token", forged.value(), "version", "latest"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void onlyAdminsCreateTokensAndRevokeAndOtherTenantsSeeNothing() {
        Reply analyst = cloud.as("bob").post("/api/v1/edges/enrollment-tokens", Map.of("edgeName", "edge-2"));
        assertThat(analyst.status()).isEqualTo(403);
        assertThat(analyst.problemType()).isEqualTo("role-required");

        String token = cloud.as("alice").post("/api/v1/edges/enrollment-tokens", Map.of("edgeName", "edge-3"))
                .json().path("token").asText();
        String edgeId = cloud.anonymous().post("/edge/v1/enroll", Map.of("token", token)).json().path("edgeId").asText();

        assertThat(cloud.as("carol").get("/api/v1/edges/" + edgeId).status()).isEqualTo(404);
        assertThat(cloud.as("carol").post("/api/v1/edges/" + edgeId + "/revoke", Map.of()).status()).isEqualTo(404);
        assertThat(cloud.as("carol").get("/api/v1/edges").json().findValuesAsText("id")).doesNotContain(edgeId);
        assertThat(cloud.as("bob").post("/api/v1/edges/" + edgeId + "/revoke", Map.of()).status()).isEqualTo(403);

        Reply ambiguous = cloud.as("dave").get("/api/v1/edges");
        assertThat(ambiguous.status()).isEqualTo(400);
        assertThat(ambiguous.problemType()).isEqualTo("tenant-required");
        assertThat(cloud.as("dave").inTenant("globex").get("/api/v1/edges/" + edgeId).status()).isEqualTo(404);
        assertThat(cloud.as("carol").inTenant("acme").get("/api/v1/edges").problemType()).isEqualTo("not-a-member");
    }

    @Test
    void requestsWithoutAValidTokenAreUnauthenticated() {
        assertThat(cloud.anonymous().get("/api/v1/edges").status()).isEqualTo(401);
        assertThat(cloud.withBearer("not-a-token").get("/api/v1/edges").status()).isEqualTo(401);
        Reply forged = cloud.withBearer("pe1." + UUID.randomUUID() + "." + "A".repeat(43)).post("/edge/v1/credential",
                Map.of());
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
