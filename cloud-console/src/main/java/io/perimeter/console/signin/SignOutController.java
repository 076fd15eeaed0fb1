package io.perimeter.console.signin;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.filters.SecurityFilter;
import io.micronaut.security.oauth2.client.OpenIdProviderMetadata;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.views.View;
import io.perimeter.console.web.CsrfProtected;
import jakarta.inject.Named;
import java.net.URI;
import java.util.Map;

/**
 * Signing out: the console forgets the person (its cookies are cleared), then the browser goes to Keycloak's
 * end-session endpoint (OpenID Connect RP-initiated logout, with {@code id_token_hint}) so that the Keycloak session
 * ends too, and Keycloak sends it back to the signed-out page. A form post with the CSRF token, so that another site
 * cannot sign a person out.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
class SignOutController {
    private static final String SIGNED_OUT = "/signed-out";

    private final BeanProvider<OpenIdProviderMetadata> realm;
    private final OauthClientConfiguration client;
    private final AccessTokenCookieConfiguration idTokenCookie;
    private final CsrfConfiguration csrf;
    private final HttpHostResolver hosts;

    SignOutController(@Named("console") BeanProvider<OpenIdProviderMetadata> realm,
                      @Named("console") OauthClientConfiguration client, AccessTokenCookieConfiguration idTokenCookie,
                      CsrfConfiguration csrf, HttpHostResolver hosts) {
        this.realm = realm;
        this.client = client;
        this.idTokenCookie = idTokenCookie;
        this.csrf = csrf;
        this.hosts = hosts;
    }

    @Post("/sign-out")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(HttpRequest<?> request, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        URI endSession = UriBuilder.of(realm.get().getEndSessionEndpoint())
                .queryParam("client_id", client.getClientId())
                .queryParam("id_token_hint", request.getAttribute(SecurityFilter.TOKEN, String.class).orElseThrow())
                .queryParam("post_logout_redirect_uri", hosts.resolve(request) + SIGNED_OUT)
                .build();
        return HttpResponse.seeOther(endSession)
                .cookie(expired(idTokenCookie.getCookieName(), request))
                .cookie(expired(csrf.getCookieName(), request));
    }

    @Get(SIGNED_OUT)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @View("signin/signed-out")
    Map<String, Object> signedOut(@QueryValue @Nullable Boolean failed) {
        return Map.of("failed", Boolean.TRUE.equals(failed));
    }

    private static Cookie expired(String name, HttpRequest<?> request) {
        return Cookie.of(name, "").path("/").maxAge(0).secure(request.isSecure());
    }
}
