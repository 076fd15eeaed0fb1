package io.perimeter.console.signin;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * Keycloak's end-session endpoint (OpenID Connect RP-initiated logout, with {@code id_token_hint}), so that the
 * Keycloak session ends too; Keycloak then sends the browser back to the signed-out page.
 */
@Singleton
@Requires(property = LocalLogin.ENABLED, notEquals = "true")
final class KeycloakEndSession implements AfterSignOut {
    private final BeanProvider<OpenIdProviderMetadata> realm;
    private final OauthClientConfiguration client;
    private final HttpHostResolver hosts;

    KeycloakEndSession(@Named("console") BeanProvider<OpenIdProviderMetadata> realm,
                       @Named("console") OauthClientConfiguration client, HttpHostResolver hosts) {
        this.realm = realm;
        this.client = client;
        this.hosts = hosts;
    }

    @Override
    public URI destination(HttpRequest<?> request, String signedOutPage) {
        return UriBuilder.of(realm.get().getEndSessionEndpoint())
                .queryParam("client_id", client.getClientId())
                .queryParam("id_token_hint", request.getAttribute(SecurityFilter.TOKEN, String.class).orElseThrow())
                .queryParam("post_logout_redirect_uri", hosts.resolve(request) + signedOutPage)
                .build();
    }

    @Override
    public boolean endsSingleSignOn() {
        return true;
    }
}
