package io.perimeter.cloud.identity;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import io.micronaut.security.event.TokenValidatedEvent;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Tokens are checked here, never by asking Keycloak: JWTs against the realm's keys and {@link TokenAudience}, edge
 * credentials against their hashes (edges.EdgeCredentials). With the console's OpenID client configured, Micronaut
 * also registers a validator that sends every bearer token to Keycloak's userinfo endpoint, and runs all validators at
 * once, taking whichever answers first: that one skips the audience rule (any token of the realm would do) and grants
 * no roles, so while the realm's keys were still being fetched the first API calls after a start failed with 403. It
 * is left out.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
final class LocallyValidatedTokens extends TokenAuthenticationFetcher {
    /** Where Micronaut keeps its userinfo validator (a package-private class, so named by its package). */
    static final String USERINFO_VALIDATORS = "io.micronaut.security.oauth2.endpoint.userinfo";

    LocallyValidatedTokens(List<TokenValidator<HttpRequest<?>>> validators, TokenResolver<HttpRequest<?>> tokenResolver,
                           ApplicationEventPublisher<TokenValidatedEvent> events, HttpHostResolver hosts,
                           HttpLocaleResolver locales) {
        super(validators.stream().filter(v -> !v.getClass().getPackageName().equals(USERINFO_VALIDATORS)).toList(),
                tokenResolver, events, hosts, locales);
    }
}
