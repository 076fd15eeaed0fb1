package io.perimeter.tenancy.provisioning;

import java.util.regex.Pattern;

/**
 * The first owner of a new tenant: an existing Keycloak user by username, or a new one created with {@code email}
 * (who then sets a password through Keycloak's own e-mail flow).
 */
public record FirstAdmin(String username, String email) {
    /** Usernames as Keycloak and the members table accept them. */
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,255}");

    public FirstAdmin {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("the first admin's username must be 1-255 letters, digits or ._@+-");
        }
    }
}
