package io.perimeter.sensor.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The capture command as an operator runs it: JSON lines on stdout, counters on stderr. As root. */
@Tag("kernel")
class CaptureCommandIT {

    @Test
    void printsEachCallOfThePortAsOneJsonLineAndItsCounters() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"ok\":true}".getBytes(UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        int port = server.getAddress().getPort();
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SensorMain.run(
                    new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                    "capture", "--port", Integer.toString(port), "--count", "2", "--duration", "60", "--no-tls", "--stats",
                    "--ring-buffer-mib", "4"));
            // Keep calling until the command has attached and printed two calls (it stops by itself then).
            for (int i = 0; i < 100 && !exit.isDone(); i++) {
                new ProcessBuilder("curl", "-s", "-o", "/dev/null", "http://127.0.0.1:" + port + "/cli/" + i).start().waitFor();
                Thread.sleep(100);
            }

            assertThat(exit.get(30, TimeUnit.SECONDS)).as("exit code; stderr: %s", err).isZero();
        } finally {
            server.stop(0);
        }

        List<ApiCall> calls = out.toString(UTF_8).lines().map(ApiCallJson::read).toList();
        assertThat(calls).hasSize(2).allSatisfy(call -> {
            assertThat(call.server().port()).isEqualTo(port);
            assertThat(call.request().target()).startsWith("/cli/");
            assertThat(new String(call.response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("{\"ok\":true}");
        });
        assertThat(err.toString(UTF_8)).contains("\"kernel\":{").contains("\"events_lost\":0").contains("\"lostAnything\":false");
    }

    @Test
    void statusRunsTheSensorAndReportsItsCounters() {
        var out = new ByteArrayOutputStream();
        int exit = SensorMain.run(new PrintStream(out, true, UTF_8), new PrintStream(new ByteArrayOutputStream()),
                "status", "--seconds", "1");

        assertThat(exit).as("output: %s", out).isZero();
        assertThat(out.toString(UTF_8)).contains("eBPF programs").contains("loaded and attached")
                .contains("kernel events_lost").contains("lost anything                            no");
    }

    @Test
    void badOptionsAreRefusedWithUsage() {
        var err = new ByteArrayOutputStream();
        int exit = SensorMain.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, UTF_8),
                "capture", "--port", "not-a-number");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("--port").contains("Usage: perimeter-sensor capture");
    }
}
