package io.perimeter.cloud.edges;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.validator.TokenValidator;
import io.perimeter.cloud.identity.EdgeCaller;
import io.perimeter.cloud.identity.SecretToken;
import io.perimeter.tenancy.database.Lookup;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Authenticates edges: a bearer token of kind {@code pe1} is looked up by its edge id (the only read that happens
 * before the tenant is known), and accepted if the edge is not revoked and the secret's hash matches. Tokens of other
 * shapes are left to the other validators (Keycloak JWTs).
 */
@Singleton
final class EdgeCredentials implements TokenValidator<HttpRequest<?>> {
    private final TenantTransactions transactions;
    private final EdgeRepository edges;

    EdgeCredentials(TenantTransactions transactions, EdgeRepository edges) {
        this.transactions = transactions;
        this.edges = edges;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        Optional<SecretToken> credential = SecretToken.parse(SecretToken.EDGE_CREDENTIAL, token);
        if (credential.isEmpty()) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> authenticate(credential.get()).orElse(null))
                .subscribeOn(Schedulers.boundedElastic());
    }

    private Optional<Authentication> authenticate(SecretToken credential) {
        Optional<Edge> edge = transactions.lookUp(Lookup.EDGE, credential.id().toString(),
                () -> edges.findById(credential.id()));
        if (edge.isEmpty() || edge.get().revoked() || !credential.matches(edge.get().credentialHash())) {
            return Optional.empty();
        }
        return Optional.of(Authentication.build("edge:" + edge.get().id(), List.of(EdgeCaller.ROLE),
                Map.of(EdgeCaller.EDGE_ID, edge.get().id().toString(),
                        EdgeCaller.TENANT_ID, edge.get().tenantId().toString())));
    }
}
