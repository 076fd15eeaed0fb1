package io.perimeter.cloud.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cloud API running on a fresh database against the real Keycloak, with the test realm's two tenants onboarded
 * and their members as the realm's organizations have them: acme (alice owner, bob analyst, dave viewer) and globex
 * (carol owner, dave viewer). Keycloak organizations are not provisioned here: the realm import has them.
 */
public final class CloudApiFixture implements AutoCloseable {
    private final EmbeddedServer server;
    private final KeycloakEndpoint keycloak;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    public final Tenant acme;
    public final Tenant globex;

    private CloudApiFixture(EmbeddedServer server, KeycloakEndpoint keycloak) {
        this.server = server;
        this.keycloak = keycloak;
        TenantOnboarding onboarding = context().getBean(TenantOnboarding.class);
        acme = onboarding.onboard("acme", "Acme", new FirstAdmin("alice", null), "test");
        globex = onboarding.onboard("globex", "Globex", new FirstAdmin("carol", null), "test");
        addMember(acme, "bob", Role.ANALYST);
        addMember(acme, "dave", Role.VIEWER);
        addMember(globex, "dave", Role.VIEWER);
    }

    /** Starts the API; {@code extra} adds or overrides properties (e.g. Pulsar, Redis). */
    public static CloudApiFixture start(PostgresEndpoint postgres, KeycloakEndpoint keycloak, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(postgres.freshDatabase("cloud_api_it").cloudProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("perimeter.keycloak.url", keycloak.baseUrl());
        properties.put("perimeter.keycloak.realm", keycloak.realm());
        properties.put("perimeter.public-url", "https://perimeter.test");
        properties.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        return new CloudApiFixture(server, keycloak);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public URI uri() {
        return server.getURI();
    }

    /** A person of the test realm; tokens are fetched once per fixture. */
    public ApiClient as(String username) {
        String token = tokens.computeIfAbsent(username, u -> keycloak.accessToken(u, "organization:*"));
        return new ApiClient(uri(), Map.of("Authorization", "Bearer " + token));
    }

    /** An edge, by its credential. */
    public ApiClient asEdge(String credential) {
        return new ApiClient(uri(), Map.of("Authorization", "Bearer " + credential));
    }

    /** No credentials at all. */
    public ApiClient anonymous() {
        return new ApiClient(uri(), Map.of());
    }

    /** A raw bearer value, valid or not. */
    public ApiClient withBearer(String value) {
        return new ApiClient(uri(), Map.of("Authorization", "Bearer " + value));
    }

    private void addMember(Tenant tenant, String username, Role role) {
        context().getBean(TenantTransactions.class).write(tenant.id(), () -> {
            context().getBean(MemberRepository.class).upsert(tenant.id(), username, role.id());
            return null;
        });
    }

    @Override
    public void close() {
        server.close();
    }
}
