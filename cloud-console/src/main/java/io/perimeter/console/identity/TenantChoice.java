package io.perimeter.console.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.perimeter.tenancy.tenant.Membership;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tenant switcher's choice, kept in a cookie. The cookie is only a preference: a slug that is not one of the
 * person's memberships is ignored, so editing it never opens another tenant.
 */
final class TenantChoice {
    static final String COOKIE = "PERIMETER_TENANT";

    private TenantChoice() {}

    /** The membership the cookie names, or the person's first one. */
    static Optional<Membership> of(HttpRequest<?> request, List<Membership> memberships) {
        Optional<String> wanted = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        return memberships.stream().filter(m -> wanted.filter(m.slug()::equals).isPresent()).findFirst()
                .or(() -> memberships.stream().findFirst());
    }

    static Cookie cookie(HttpRequest<?> request, String slug) {
        return Cookie.of(COOKIE, slug).path("/").httpOnly(true).sameSite(SameSite.Lax).secure(request.isSecure())
                .maxAge(Duration.ofDays(365));
    }
}
