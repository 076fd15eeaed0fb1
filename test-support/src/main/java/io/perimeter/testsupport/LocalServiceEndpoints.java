package io.perimeter.testsupport;

/**
 * The local services of this checkout ({@code scripts/services}) for programs that are not JUnit tests, such as the
 * benchmarks: the same coordinates and secrets the tests get, and the same failure naming what to start.
 */
public final class LocalServiceEndpoints {
    private static final LocalServices SERVICES = new LocalServices(ProjectSettings.load());

    private LocalServiceEndpoints() {}

    public static PostgresEndpoint postgres() {
        return (PostgresEndpoint) SERVICES.endpoint(Service.POSTGRES);
    }

    public static RedisEndpoint redis() {
        return (RedisEndpoint) SERVICES.endpoint(Service.REDIS);
    }

    public static PulsarEndpoint pulsar() {
        return (PulsarEndpoint) SERVICES.endpoint(Service.PULSAR);
    }

    public static KeycloakEndpoint keycloak() {
        return (KeycloakEndpoint) SERVICES.endpoint(Service.KEYCLOAK);
    }
}
