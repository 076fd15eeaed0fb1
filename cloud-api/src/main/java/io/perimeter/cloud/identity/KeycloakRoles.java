package io.perimeter.cloud.identity;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.security.token.DefaultRolesFinder;
import io.micronaut.security.token.RolesFinder;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Roles of a Keycloak token: {@code person} for any person, plus {@code platform-operator} when the realm grants it.
 * A person's role in a tenant is not a token role: it lives in the members table (see {@link People}).
 */
@Singleton
@Replaces(DefaultRolesFinder.class)
final class KeycloakRoles implements RolesFinder {
    /** The Micronaut Security role of people. */
    static final String PERSON = "person";

    @Override
    public List<String> resolveRoles(Map<String, Object> attributes) {
        List<String> roles = new ArrayList<>(List.of(PERSON));
        if (attributes.get("realm_access") instanceof Map<?, ?> realm
                && realm.get("roles") instanceof Collection<?> granted && granted.contains(Operator.ROLE)) {
            roles.add(Operator.ROLE);
        }
        return roles;
    }
}
