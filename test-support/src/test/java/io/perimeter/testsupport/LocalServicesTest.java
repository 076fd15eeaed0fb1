package io.perimeter.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalServicesTest {

    @Test
    void missingServiceFailsWithTheCommandThatStartsIt() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var settings = new ProjectSettings(Path.of("."), Map.of("PERIMETER_REDIS_PORT", Integer.toString(closedPort)));

        assertThatThrownBy(() -> new LocalServices(settings).endpoint(Service.REDIS))
                .isInstanceOf(ServiceUnavailableException.class)
                .hasMessageContaining("Redis is not running on 127.0.0.1:" + closedPort)
                .hasMessageContaining("Start it with: scripts/services start redis");
    }

    @Test
    void neverStartedServiceNamesTheCommandToo() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new ProjectSettings(Path.of("."),
                    Map.of("PERIMETER_POSTGRES_PORT", Integer.toString(socket.getLocalPort())));

            assertThatThrownBy(() -> new LocalServices(settings).endpoint(Service.POSTGRES))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageContaining("has never been started")
                    .hasMessageContaining("scripts/services start postgres");
        }
    }

    @Test
    void answeringServiceGivesItsCoordinates() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var settings = new ProjectSettings(Path.of("."), Map.of("PERIMETER_REDIS_PORT", Integer.toString(socket.getLocalPort())));

            var redis = (RedisEndpoint) new LocalServices(settings).endpoint(Service.REDIS);

            assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + socket.getLocalPort());
        }
    }
}
