package io.perimeter.console.signin;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/**
 * The console's local sign-in, for a single-node installation without an identity provider (the quick start): one
 * account, whose password hash (never the password) is configured. On with {@code perimeter.console.local-login.enabled}
 * (the {@code console-local} environment sets it); Keycloak sign-in is off then.
 */
@ConfigurationProperties(LocalLogin.PREFIX)
@Requires(property = LocalLogin.ENABLED, value = "true")
public final class LocalLogin {
    public static final String PREFIX = "perimeter.console.local-login";
    public static final String ENABLED = PREFIX + ".enabled";

    private String username;
    private String passwordHash;

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public void setPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
    }

    PasswordHash hash() {
        if (username == null || username.isBlank() || passwordHash == null || passwordHash.isBlank()) {
            throw new IllegalStateException("local sign-in is on but " + PREFIX + ".username or " + PREFIX
                    + ".password-hash is not set");
        }
        return PasswordHash.parse(passwordHash);
    }
}
