package io.perimeter.testsupport;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.MountableFile;

/**
 * The same services in containers, for machines with a Docker engine. One container per service per JVM,
 * stopped by Testcontainers' reaper when the JVM exits. Image versions match the local services.
 */
final class ContainerServices implements ServiceSource {
    private final ProjectSettings settings;
    private final Map<Service, Object> started = new EnumMap<>(Service.class);
    private final String password = UUID.randomUUID().toString().replace("-", "");

    ContainerServices(ProjectSettings settings) {
        this.settings = settings;
    }

    /** True when a Docker engine answers; cheap when there is plainly none. */
    static boolean dockerAnswers() {
        boolean hint = System.getenv("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized Object endpoint(Service service) {
        return started.computeIfAbsent(service, this::start);
    }

    @Override
    public String describe() {
        return "Testcontainers";
    }

    @SuppressWarnings("resource") // stopped by the Testcontainers reaper at JVM exit
    private Object start(Service service) {
        return switch (service) {
            case POSTGRES -> {
                var c = new GenericContainer<>("postgres:15")
                        .withEnv("POSTGRES_USER", "perimeter")
                        .withEnv("POSTGRES_PASSWORD", password)
                        .withEnv("POSTGRES_DB", "perimeter")
                        .withExposedPorts(5432)
                        .waitingFor(Wait.forLogMessage(".*database system is ready to accept connections.*", 2));
                c.start();
                yield new PostgresEndpoint(c.getHost(), c.getMappedPort(5432), "perimeter", "perimeter", password,
                        "perimeter_app", password + "-app");
            }
            case REDIS -> {
                var c = new GenericContainer<>("redis:7").withExposedPorts(6379);
                c.start();
                yield new RedisEndpoint(c.getHost(), c.getMappedPort(6379));
            }
            case PULSAR -> {
                var c = new GenericContainer<>("apachepulsar/pulsar:4.0.8")
                        .withCommand("bin/pulsar", "standalone", "--no-functions-worker", "--no-stream-storage")
                        .withExposedPorts(6650, 8080)
                        .waitingFor(Wait.forHttp("/admin/v2/namespaces/public").forPort(8080)
                                .withStartupTimeout(Duration.ofMinutes(3)));
                c.start();
                yield new PulsarEndpoint("pulsar://" + c.getHost() + ":" + c.getMappedPort(6650),
                        "http://" + c.getHost() + ":" + c.getMappedPort(8080));
            }
            case KEYCLOAK -> {
                var c = new GenericContainer<>("quay.io/keycloak/keycloak:26.4.7")
                        .withCommand("start-dev", "--import-realm")
                        .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                        .withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", password)
                        .withEnv("PERIMETER_TEST_USER_PASSWORD", password)
                        .withEnv("PERIMETER_API_CLIENT_SECRET", password)
                        .withEnv("PERIMETER_CONSOLE_CLIENT_SECRET", password)
                        .withCopyFileToContainer(
                                MountableFile.forHostPath(settings.root().resolve("services/keycloak/perimeter-realm.json")),
                                "/opt/keycloak/data/import/perimeter-realm.json")
                        .withExposedPorts(8080)
                        .waitingFor(Wait.forHttp("/realms/perimeter/.well-known/openid-configuration").forPort(8080)
                                .withStartupTimeout(Duration.ofMinutes(4)));
                c.start();
                yield new KeycloakEndpoint("http://" + c.getHost() + ":" + c.getMappedPort(8080), "perimeter",
                        "admin", password, password, password, password);
            }
        };
    }
}
