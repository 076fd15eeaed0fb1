package io.perimeter.quickstart;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cloud API, in this process, on the embedded database: inline ingest, rate limits in memory, no Redis, Pulsar or
 * Keycloak. Its log goes to the quick start's log directory.
 */
final class ControlPlane implements AutoCloseable {
    private final ApplicationContext context;
    private final String url;

    private ControlPlane(ApplicationContext context, String url) {
        this.context = context;
        this.url = url;
    }

    static ControlPlane start(EmbeddedDatabase database, Secrets secrets, int port) {
        String url = "http://127.0.0.1:" + port;
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.server.port", port);
        properties.put("datasources.default.url", database.jdbcUrl());
        properties.put("datasources.default.username", EmbeddedDatabase.APP_ROLE);
        properties.put("datasources.default.password", secrets.app());
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("perimeter.database.owner-username", EmbeddedDatabase.OWNER);
        properties.put("perimeter.database.owner-password", secrets.owner());
        properties.put("perimeter.database.app-role", EmbeddedDatabase.APP_ROLE);
        properties.put("perimeter.database.app-password", secrets.app());
        properties.put("perimeter.public-url", url);
        // Not Micronaut.run: that registers a shutdown hook of its own, which would stop the API while the edge still
        // ships its last batch. The quick start stops the server itself, after the edge.
        ApplicationContext context = ApplicationContext.builder()
                // A developer's PERIMETER_PULSAR_SERVICE_URL or PERIMETER_REDIS_URI must not turn the single-node quick
                // start into a client of services it does not start: it reads no environment variables.
                .environmentPropertySource(false)
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

    /** The API's base URL, also the URL edges enroll and ship to. */
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
