package io.perimeter.console.signin;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.AuthenticationFailureReason;
import io.micronaut.security.authentication.AuthenticationRequest;
import io.micronaut.security.authentication.AuthenticationResponse;
import io.micronaut.security.authentication.provider.HttpRequestAuthenticationProvider;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Checks the sign-in form's password against the local account (Micronaut's login endpoint asks it). The person's
 * role in each tenant still comes from the members table, as with Keycloak. Which part was wrong is not said.
 */
@Singleton
@Requires(property = LocalLogin.ENABLED, value = "true")
final class LocalPasswordCheck<B> implements HttpRequestAuthenticationProvider<B> {
    private final String username;
    private final PasswordHash hash;

    LocalPasswordCheck(LocalLogin login) {
        this.hash = login.hash();
        this.username = login.getUsername();
    }

    @Override
    public AuthenticationResponse authenticate(HttpRequest<B> request,
                                               AuthenticationRequest<String, String> credentials) {
        String password = credentials.getSecret();
        // The hash is computed for every attempt, so a wrong username takes as long as a wrong password.
        boolean passwordMatches = password != null && hash.matches(password.toCharArray());
        if (passwordMatches && username.equals(credentials.getIdentity())) {
            return AuthenticationResponse.success(username, List.of(), Map.of("preferred_username", username));
        }
        return AuthenticationResponse.failure(AuthenticationFailureReason.CREDENTIALS_DO_NOT_MATCH);
    }
}
