package io.perimeter.console.support;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perimeter.console.CloudConsole;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import java.util.HashMap;
import java.util.Map;

/**
 * The cloud (API and console in one process, as {@link CloudConsole} runs it) on a fresh database against the real
 * Keycloak, with the test realm's tenants onboarded as its organizations have them: acme (alice owner, bob analyst,
 * dave viewer) and globex (carol owner, dave viewer).
 */
public final class ConsoleFixture implements AutoCloseable {
    private final EmbeddedServer server;
    private final KeycloakEndpoint keycloak;
    public final Tenant acme;
    public final Tenant globex;

    private ConsoleFixture(EmbeddedServer server, KeycloakEndpoint keycloak) {
        this.server = server;
        this.keycloak = keycloak;
        TenantOnboarding onboarding = server.getApplicationContext().getBean(TenantOnboarding.class);
        acme = onboarding.onboard("acme", "Acme", new FirstAdmin("alice", null), "test");
        globex = onboarding.onboard("globex", "Globex", new FirstAdmin("carol", null), "test");
        addMember(acme, "bob", Role.ANALYST);
        addMember(acme, "dave", Role.VIEWER);
        addMember(globex, "dave", Role.VIEWER);
    }

    public static ConsoleFixture start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        return start(postgres, keycloak, Map.of());
    }

    /** With {@code extra} configuration over the fixture's (for this context only, never the JVM's). */
    public static ConsoleFixture start(PostgresEndpoint postgres, KeycloakEndpoint keycloak, Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(postgres.freshDatabase("console_it").cloudProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("perimeter.keycloak.url", keycloak.baseUrl());
        properties.put("perimeter.keycloak.realm", keycloak.realm());
        properties.put("perimeter.public-url", "https://perimeter.test");
        properties.put("micronaut.security.oauth2.clients.console.client-secret", keycloak.consoleClientSecret());
        properties.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, CloudConsole.ENVIRONMENT);
        return new ConsoleFixture(server, keycloak);
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** The console's address, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public String url(String path) {
        return url() + path;
    }

    public KeycloakEndpoint keycloak() {
        return keycloak;
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
