package io.perimeter.console.web;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URI;

/**
 * Headers that make the browser hold the console to what it is: no script at all, styles and images from the
 * console only, forms that post to the console (and, for signing out, on to Keycloak), never framed, no referrer
 * leaving it, no content sniffing, and pages that are not cached (they show a tenant's data).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class SecurityHeaders {
    private final String policy;

    SecurityHeaders(@Value("${perimeter.keycloak.url}") String keycloak) {
        URI realm = URI.create(keycloak);
        String keycloakOrigin = realm.getScheme() + "://" + realm.getAuthority();
        policy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' " + keycloakOrigin
                + "; frame-ancestors 'none'; base-uri 'none'";
    }

    @ResponseFilter
    void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders()
                .add("Content-Security-Policy", policy)
                .add("X-Content-Type-Options", "nosniff")
                .add("X-Frame-Options", "DENY")
                .add("Referrer-Policy", "no-referrer")
                .add("Cross-Origin-Opener-Policy", "same-origin");
        if (!request.getPath().startsWith("/static/") && !response.getHeaders().contains("Cache-Control")) {
            response.getHeaders().add("Cache-Control", "no-store");
        }
    }
}
