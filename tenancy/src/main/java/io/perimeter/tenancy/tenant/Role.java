package io.perimeter.tenancy.tenant;

import java.util.Locale;
import java.util.Optional;

/** What a member may do in a tenant; each role includes everything of the roles below it. */
public enum Role {
    /** Reads everything of the tenant. */
    VIEWER,
    /** Also triages findings. */
    ANALYST,
    /** Also manages edges and members (except owners). */
    ADMIN,
    /** Also manages owners. */
    OWNER;

    /** Whether this role includes {@code other}. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The name stored and shown: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} (lower or upper case), if there is one. */
    public static Optional<Role> of(String id) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
