package io.perimeter.quickstart;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perimeter.console.CloudConsole;
import io.perimeter.console.signin.LocalLogin;
import io.perimeter.console.signin.PasswordHash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud API and the web console, in this process: on the embedded database with local sign-in (no Redis, Pulsar
 * or Keycloak), or with {@code --full} on the services of {@code scripts/services} with Keycloak sign-in. Its log goes
 * to the quick start's log directory.
 */
final class ControlPlane implements AutoCloseable {
    private final ApplicationContext context;
    private final String url;

    private ControlPlane(ApplicationContext context, String url) {
        this.context = context;
        this.url = url;
    }

    /** On the embedded database: inline ingest, rate limits in memory, local sign-in; reads no environment. */
    static ControlPlane onEmbedded(EmbeddedDatabase database, Secrets secrets, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", EmbeddedDatabase.APP_ROLE);
        properties.put("datasources.default.password", secrets.app());
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("perimeter.database.owner-username", EmbeddedDatabase.OWNER);
        properties.put("perimeter.database.owner-password", secrets.owner());
        properties.put("perimeter.database.app-role", EmbeddedDatabase.APP_ROLE);
        properties.put("perimeter.database.app-password", secrets.app());
        properties.put(LocalLogin.PREFIX + ".username", DemoTenant.OWNER);
        properties.put(LocalLogin.PREFIX + ".password-hash", PasswordHash.of(secrets.console().toCharArray()).toString());
        properties.put(LocalLogin.PREFIX + ".signing-secret", secrets.consoleSigning());
        // A developer's PERIMETER_PULSAR_SERVICE_URL or PERIMETER_REDIS_URI must not turn the single-node quick start
        // into a client of services it does not start: it reads no environment variables.
        return start(port, properties, false, CloudConsole.ENVIRONMENT, CloudConsole.LOCAL_SIGN_IN_ENVIRONMENT);
    }

    /**
     * On the services of {@code scripts/services}, as {@code scripts/perimeter-cloud} runs the cloud: configured by the
     * PERIMETER_* environment that {@code scripts/quickstart --full} exports, with {@code services} over it (the tests
     * pass their endpoints there); Keycloak sign-in.
     */
    static ControlPlane onServices(Map<String, Object> services, int port) {
        Map<String, Object> properties = new LinkedHashMap<>();
        // A new tenant's ingest consumers start at the next refresh: the demo's first batches should not wait 30 s.
        properties.put("perimeter.ingest.tenant-refresh", "3s");
        properties.putAll(services);
        return start(port, properties, true, CloudConsole.ENVIRONMENT);
    }

    private static ControlPlane start(int port, Map<String, Object> configuration, boolean readEnvironment,
                                      String... environments) {
        String url = "http://127.0.0.1:" + port;
        Map<String, Object> properties = new LinkedHashMap<>(configuration);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", port);
        properties.put("perimeter.public-url", url);
        // Not Micronaut.run: that registers a shutdown hook of its own, which would stop the API while the edge still
        // ships its last batch. The quick start stops the server itself, after the edge.
        ApplicationContext context = ApplicationContext.builder()
                .environmentPropertySource(readEnvironment)
                .environments(environments)
                .properties(properties)
                .start();
        try {
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return new ControlPlane(context, url);
    }

    /** The API's and the console's base URL, also the URL edges enroll and ship to. */
    String url() {
        return url;
    }

    ApplicationContext context() {
        return context;
    }

    @Override
    public void close() {
        context.getBean(EmbeddedServer.class).stop();
        context.close();
    }
}
