package io.perimeter.cloud.identity;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;

/**
 * Which Keycloak client a token must have been issued for, decided by where the token came from, so that neither kind
 * stands in for the other:
 * <ul>
 *   <li>a request with an {@code Authorization} header is authenticated by that bearer token only, and it must be an
 *       access token for the API ({@code aud} names {@code perimeter-api});</li>
 *   <li>a request without one may be authenticated by the console's cookie, which holds the ID token Keycloak issued
 *       to the console ({@code aud} names {@code perimeter-console}, and so does {@code azp} when present), and only
 *       outside the API's own routes: the API stays bearer-only, so a cookie a browser sends along never authorizes
 *       an API call;</li>
 *   <li>without a request, the console's sign-in is checking the ID token Keycloak just returned, which must be the
 *       console's too.</li>
 * </ul>
 * Thread-safe and stateless.
 */
@Singleton
public final class TokenAudience<T> implements GenericJwtClaimsValidator<T> {
    /** Path prefixes of the API's routes, where only bearer tokens count. */
    private static final List<String> API_PATHS = List.of("/api/", "/ingest/", "/edge/");

    private final String apiAudience;
    private final String consoleClient;

    TokenAudience(@Value("${perimeter.keycloak.api-audience:perimeter-api}") String apiAudience,
                  @Value("${perimeter.keycloak.console-client:perimeter-console}") String consoleClient) {
        this.apiAudience = apiAudience;
        this.consoleClient = consoleClient;
    }

    @Override
    public boolean validate(Claims claims, @Nullable T request) {
        if (!(request instanceof HttpRequest<?> http)) {
            return issuedToConsole(claims);
        }
        if (http.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            return audiences(claims).contains(apiAudience);
        }
        return API_PATHS.stream().noneMatch(http.getPath()::startsWith) && issuedToConsole(claims);
    }

    private boolean issuedToConsole(Claims claims) {
        Object azp = claims.get("azp");
        return audiences(claims).contains(consoleClient) && (azp == null || consoleClient.equals(azp));
    }

    private static Collection<?> audiences(Claims claims) {
        return switch (claims.get(Claims.AUDIENCE)) {
            case null -> List.of();
            case Collection<?> many -> many;
            case Object one -> List.of(one.toString());
        };
    }
}
