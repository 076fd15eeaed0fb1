package io.perimeter.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** The services that {@code scripts/services} runs on 127.0.0.1. */
final class LocalServices implements ServiceSource {
    private static final String HOST = "127.0.0.1";
    private final ProjectSettings settings;

    LocalServices(ProjectSettings settings) {
        this.settings = settings;
    }

    @Override
    public Object endpoint(Service service) {
        return switch (service) {
            case POSTGRES -> {
                int port = answering(service, "PERIMETER_POSTGRES_PORT");
                yield new PostgresEndpoint(HOST, port,
                        settings.require("PERIMETER_POSTGRES_DATABASE", service),
                        settings.require("PERIMETER_POSTGRES_USER", service),
                        settings.require("PERIMETER_POSTGRES_PASSWORD", service),
                        settings.require("PERIMETER_POSTGRES_APP_USER", service),
                        settings.require("PERIMETER_POSTGRES_APP_PASSWORD", service));
            }
            case REDIS -> new RedisEndpoint(HOST, answering(service, "PERIMETER_REDIS_PORT"));
            case PULSAR -> {
                int broker = answering(service, "PERIMETER_PULSAR_BROKER_PORT");
                int web = answering(service, "PERIMETER_PULSAR_WEB_PORT");
                yield new PulsarEndpoint("pulsar://" + HOST + ":" + broker, "http://" + HOST + ":" + web);
            }
            case KEYCLOAK -> new KeycloakEndpoint(
                    "http://" + HOST + ":" + answering(service, "PERIMETER_KEYCLOAK_PORT"),
                    "perimeter",
                    settings.require("PERIMETER_KEYCLOAK_ADMIN_USER", service),
                    settings.require("PERIMETER_KEYCLOAK_ADMIN_PASSWORD", service),
                    settings.require("PERIMETER_TEST_USER_PASSWORD", service),
                    settings.require("PERIMETER_API_CLIENT_SECRET", service),
                    settings.require("PERIMETER_CONSOLE_CLIENT_SECRET", service));
        };
    }

    @Override
    public String describe() {
        return "local services from scripts/services";
    }

    private int answering(Service service, String portKey) {
        int port = settings.port(portKey);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 2_000);
            return port;
        } catch (IOException e) {
            throw new ServiceUnavailableException(service.displayName() + " is not running on " + HOST + ":" + port
                    + " (" + e.getMessage() + "). Start it with: " + service.startCommand()
                    + "  (or all services: scripts/services start)", e);
        }
    }
}
