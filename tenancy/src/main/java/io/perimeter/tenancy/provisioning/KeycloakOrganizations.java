package io.perimeter.tenancy.provisioning;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.perimeter.tenancy.tenant.Tenant;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.OrganizationRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * A tenant's Keycloak organization (alias = slug), and its members. The organization is what puts the tenant in a
 * person's token ({@code organization} claim); the role a member holds lives in the cloud's own members table.
 * Talks to Keycloak as the {@code perimeter-api} client's service account.
 */
@Singleton
@Requires(property = "perimeter.keycloak.admin-client-secret")
public final class KeycloakOrganizations implements TenantResources {
    private final Keycloak keycloak;
    private final String realm;

    KeycloakOrganizations(@Value("${perimeter.keycloak.url}") String url,
                          @Value("${perimeter.keycloak.realm:perimeter}") String realm,
                          @Value("${perimeter.keycloak.admin-client-id:perimeter-api}") String clientId,
                          @Value("${perimeter.keycloak.admin-client-secret}") String clientSecret) {
        this.realm = realm;
        this.keycloak = KeycloakBuilder.builder()
                .serverUrl(url)
                .realm(realm)
                .grantType("client_credentials")
                .clientId(clientId)
                .clientSecret(clientSecret)
                .build();
    }

    @Override
    public void provision(Tenant tenant, FirstAdmin firstAdmin) {
        try {
            String organization = find(tenant).orElseGet(() -> create(tenant));
            join(organization, user(firstAdmin));
        } catch (WebApplicationException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    @Override
    public void remove(Tenant tenant) {
        try {
            find(tenant).ifPresent(id -> expect(realm().organizations().get(id).delete(), "delete"));
        } catch (WebApplicationException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    /** Makes {@code username} (an existing user) a member of the tenant's organization. */
    public void addMember(Tenant tenant, String username) {
        try {
            String organization = find(tenant).orElseThrow(() -> new IllegalStateException(describe(tenant) + " is missing"));
            join(organization, existingUser(username).orElseThrow(
                    () -> new IllegalArgumentException("no Keycloak user named " + username)));
        } catch (WebApplicationException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    /** Removes {@code username} from the tenant's organization, if both exist. */
    public void removeMember(Tenant tenant, String username) {
        try {
            Optional<String> organization = find(tenant);
            Optional<String> user = existingUser(username);
            if (organization.isPresent() && user.isPresent()) {
                Response response = realm().organizations().get(organization.get()).members().member(user.get()).delete();
                try (response) {
                    if (response.getStatus() != 404) {
                        expect(response, "remove member");
                    }
                }
            }
        } catch (WebApplicationException e) {
            throw new ProvisioningException(describe(tenant), e);
        }
    }

    /** Whether {@code username} exists in the realm. */
    public boolean userExists(String username) {
        return existingUser(username).isPresent();
    }

    @Override
    public String describe(Tenant tenant) {
        return "Keycloak organization " + tenant.slug() + " in realm " + realm;
    }

    /**
     * The search matches names, not aliases, and exactly also in case: an organization whose name differs from its
     * alias (one imported with the realm, "Acme" for "acme") is only found by a substring search, then by alias.
     */
    private Optional<String> find(Tenant tenant) {
        return realm().organizations().search(tenant.slug(), false, 0, 100).stream()
                .filter(o -> tenant.slug().equals(o.getAlias()))
                .map(OrganizationRepresentation::getId)
                .findFirst();
    }

    private String create(Tenant tenant) {
        OrganizationRepresentation organization = new OrganizationRepresentation();
        organization.setName(tenant.slug());
        organization.setAlias(tenant.slug());
        organization.setDescription(tenant.name());
        organization.setEnabled(true);
        expect(realm().organizations().create(organization), "create");
        return find(tenant).orElseThrow(() -> new IllegalStateException(describe(tenant) + " vanished after creation"));
    }

    private void join(String organization, String userId) {
        boolean member = realm().organizations().get(organization).members().getAll().stream()
                .anyMatch(m -> userId.equals(m.getId()));
        if (!member) {
            expect(realm().organizations().get(organization).members().addMember(userId), "add member");
        }
    }

    private String user(FirstAdmin admin) {
        return existingUser(admin.username()).orElseGet(() -> {
            UserRepresentation user = new UserRepresentation();
            user.setUsername(admin.username());
            user.setEmail(admin.email());
            user.setEnabled(true);
            user.setRequiredActions(List.of("UPDATE_PASSWORD", "VERIFY_EMAIL"));
            expect(realm().users().create(user), "create user");
            return existingUser(admin.username()).orElseThrow();
        });
    }

    private Optional<String> existingUser(String username) {
        return realm().users().search(username, true).stream()
                .filter(u -> username.equalsIgnoreCase(u.getUsername()))
                .map(UserRepresentation::getId)
                .findFirst();
    }

    private RealmResource realm() {
        return keycloak.realm(realm);
    }

    private static void expect(Response response, String what) {
        try (response) {
            int status = response.getStatus();
            if (status >= 300 && status != 409) {
                throw new WebApplicationException("Keycloak refused to " + what + " (HTTP " + status + ")", response);
            }
        }
    }

    @PreDestroy
    void close() {
        keycloak.close();
    }
}
