package io.perimeter.console.signin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.claims.ClaimsAudienceProvider;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * With local sign-in, the console issues its own cookie token; it names the console as its audience, like the ID
 * token Keycloak would issue, so that the API's audience rule (cloud-api's TokenAudience) treats both alike: a cookie
 * never authorizes an API call.
 */
@Singleton
@Requires(property = LocalLogin.ENABLED, value = "true")
final class ConsoleAudience implements ClaimsAudienceProvider {
    private final String consoleClient;

    ConsoleAudience(@Value("${perimeter.keycloak.console-client:perimeter-console}") String consoleClient) {
        this.consoleClient = consoleClient;
    }

    @Override
    public List<String> audience() {
        return List.of(consoleClient);
    }
}
