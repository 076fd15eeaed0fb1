package io.perimeter.console.signin;

import io.micronaut.context.annotation.Value;
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
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.cookie.AccessTokenCookieConfiguration;
import io.micronaut.views.View;
import io.perimeter.console.web.CsrfProtected;
import java.util.Map;

/**
 * Signing out: the console forgets the person (its cookies are cleared), then the browser goes where
 * {@link AfterSignOut} says: with Keycloak, its end-session endpoint, which sends it back to the signed-out page; with
 * local sign-in, straight there. A form post with the CSRF token, so that another site cannot sign a person out.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
class SignOutController {
    private static final String SIGNED_OUT = "/signed-out";

    private final AfterSignOut after;
    private final AccessTokenCookieConfiguration tokenCookie;
    private final CsrfConfiguration csrf;
    private final String signInUrl;

    SignOutController(AfterSignOut after, AccessTokenCookieConfiguration tokenCookie, CsrfConfiguration csrf,
                      @Value("${micronaut.security.redirect.unauthorized.url}") String signInUrl) {
        this.after = after;
        this.tokenCookie = tokenCookie;
        this.csrf = csrf;
        this.signInUrl = signInUrl;
    }

    @Post("/sign-out")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> signOut(HttpRequest<?> request, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        return HttpResponse.seeOther(after.destination(request, SIGNED_OUT))
                .cookie(expired(tokenCookie.getCookieName(), request))
                .cookie(expired(csrf.getCookieName(), request));
    }

    @Get(SIGNED_OUT)
    @Secured(SecurityRule.IS_ANONYMOUS)
    @View("signin/signed-out")
    Map<String, Object> signedOut(@QueryValue @Nullable Boolean failed) {
        return Map.of("failed", Boolean.TRUE.equals(failed), "signInUrl", signInUrl,
                "singleSignOn", after.endsSingleSignOn());
    }

    private static Cookie expired(String name, HttpRequest<?> request) {
        return Cookie.of(name, "").path("/").maxAge(0).secure(request.isSecure());
    }
}
