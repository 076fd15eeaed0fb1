package io.perimeter.cloud.edges;

import io.micronaut.context.annotation.Value;
import io.perimeter.cloud.identity.EdgeCaller;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.identity.SecretToken;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.Lookup;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrollment: an admin creates a one-time token for a named edge; the edge exchanges it for its own credential,
 * once, before it expires; the edge may later rotate its credential, and an admin may revoke it. Every step is in
 * the tenant's audit trail; no secret is.
 */
@Singleton
public final class Enrollment {
    private static final Duration DEFAULT_VALIDITY = Duration.ofHours(1);

    private final TenantTransactions transactions;
    private final EnrollmentTokenRepository tokens;
    private final EdgeRepository edges;
    private final TenantRepository tenants;
    private final AuditLog audit;
    private final Clock clock;
    private final String publicUrl;

    Enrollment(TenantTransactions transactions, EnrollmentTokenRepository tokens, EdgeRepository edges,
               TenantRepository tenants, AuditLog audit, Clock clock,
               @Value("${perimeter.public-url}") String publicUrl) {
        this.transactions = transactions;
        this.tokens = tokens;
        this.edges = edges;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /**
     * Issues a one-time enrollment token for {@code request.edgeName()} in the admin's tenant.
     *
     * @throws ApiException 403 unless {@code admin} holds the admin role
     */
    public EnrollmentRequests.CreatedToken createToken(Person admin, EnrollmentRequests.CreateToken request) {
        admin.require(Role.ADMIN);
        UUID id = UUID.randomUUID();
        SecretToken token = SecretToken.issue(SecretToken.ENROLLMENT, id);
        Instant now = clock.instant();
        Instant expires = now.plus(request.validMinutes() == null
                ? DEFAULT_VALIDITY : Duration.ofMinutes(request.validMinutes()));
        transactions.write(admin.tenantId(), () -> {
            tokens.save(new EnrollmentToken(id, admin.tenantId(), token.hash(), request.edgeName(), admin.actor(),
                    now, expires, null, null));
            audit.record(admin.tenantId(), admin.actor(), "edge.enrollment-token.created", "enrollment-token",
                    id.toString(), Map.of("edgeName", request.edgeName(), "expiresAt", expires.toString()));
            return null;
        });
        return new EnrollmentRequests.CreatedToken(id, request.edgeName(), token.value(), expires,
                "perimeter-edge enroll --cloud " + publicUrl + " --token " + token.value());
    }

    EnrollmentRequests.Enrolled enroll(EnrollmentRequests.Enroll request) {
        SecretToken presented = SecretToken.parse(SecretToken.ENROLLMENT, request.token().strip())
                .orElseThrow(Enrollment::invalidToken);
        EnrollmentToken token = transactions.lookUp(Lookup.ENROLLMENT, presented.id().toString(),
                        () -> tokens.findById(presented.id()))
                .filter(t -> presented.matches(t.secretHash()))
                .orElseThrow(Enrollment::invalidToken);
        Instant now = clock.instant();
        if (token.usedAt() != null) {
            throw ApiException.unauthorized("enrollment-token-used", "this enrollment token has been used already; "
                    + "ask an admin for a new one");
        }
        if (!now.isBefore(token.expiresAt())) {
            throw ApiException.unauthorized("enrollment-token-expired", "this enrollment token expired at "
                    + token.expiresAt() + "; ask an admin for a new one");
        }
        UUID edgeId = UUID.randomUUID();
        SecretToken credential = SecretToken.issue(SecretToken.EDGE_CREDENTIAL, edgeId);
        String slug = transactions.write(token.tenantId(), () -> {
            if (tokens.markUsed(token.id(), now, edgeId) != 1) {
                throw ApiException.unauthorized("enrollment-token-used", "this enrollment token has been used already");
            }
            edges.save(new Edge(edgeId, token.tenantId(), token.edgeName(), request.hostname(), request.version(),
                    credential.hash(), now, now, null, null, null, Map.of()));
            audit.record(token.tenantId(), "edge:" + edgeId, "edge.enrolled", "edge", edgeId.toString(),
                    Map.of("edgeName", token.edgeName(), "enrollmentToken", token.id().toString(),
                            "hostname", Optional.ofNullable(request.hostname()).orElse("")));
            return tenants.findById(token.tenantId()).orElseThrow().slug();
        });
        return new EnrollmentRequests.Enrolled(edgeId, slug, credential.value());
    }

    EnrollmentRequests.Rotated rotate(EdgeCaller edge) {
        SecretToken credential = SecretToken.issue(SecretToken.EDGE_CREDENTIAL, edge.edgeId());
        transactions.write(edge.tenantId(), () -> {
            if (edges.replaceCredential(edge.edgeId(), credential.hash(), clock.instant()) != 1) {
                throw ApiException.unauthorized("edge-revoked", "this edge has been revoked");
            }
            audit.record(edge.tenantId(), edge.actor(), "edge.credential.rotated", "edge", edge.edgeId().toString(),
                    Map.of());
            return null;
        });
        return new EnrollmentRequests.Rotated(edge.edgeId(), credential.value());
    }

    /** Existence first, role second: another tenant's id is 404 for every role, never a hint that it exists. */
    public EdgeView revoke(Person admin, UUID edgeId) {
        return transactions.write(admin.tenantId(), () -> {
            Edge edge = edges.findById(edgeId).orElseThrow(() -> ApiException.notFound("edge"));
            admin.require(Role.ADMIN);
            if (edges.revoke(edgeId, clock.instant(), admin.actor()) == 1) {
                audit.record(admin.tenantId(), admin.actor(), "edge.revoked", "edge", edgeId.toString(),
                        Map.of("edgeName", edge.name()));
            }
            return EdgeView.of(edges.findById(edgeId).orElseThrow());
        });
    }

    private static ApiException invalidToken() {
        return ApiException.unauthorized("enrollment-token-invalid", "this enrollment token is not known");
    }
}
