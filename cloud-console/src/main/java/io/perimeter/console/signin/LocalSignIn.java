package io.perimeter.console.signin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;

/**
 * The local sign-in page. Its form posts to Micronaut's login endpoint ({@code POST /login}), which asks
 * {@link LocalPasswordCheck} and answers with the signed cookie token (and the CSRF cookie) like the Keycloak
 * sign-in does. Signing out just forgets the cookies: there is no single sign-on session to end.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@Requires(property = LocalLogin.ENABLED, value = "true")
class LocalSignIn {
    @Get("/sign-in")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @View("signin/sign-in")
    Map<String, Object> form(@QueryValue @Nullable Boolean failed) {
        return Map.of("failed", Boolean.TRUE.equals(failed));
    }

    @Singleton
    @Requires(property = LocalLogin.ENABLED, value = "true")
    static final class SignedOutPage implements AfterSignOut {
        @Override
        public URI destination(HttpRequest<?> request, String signedOutPage) {
            return URI.create(signedOutPage);
        }

        @Override
        public boolean endsSingleSignOn() {
            return false;
        }
    }
}
