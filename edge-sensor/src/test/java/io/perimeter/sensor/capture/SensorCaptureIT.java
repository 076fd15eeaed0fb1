package io.perimeter.sensor.capture;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.events.SensorProgram;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sensor end to end, as root on this kernel: real clients and servers send known requests, and the captured
 * calls must equal what was sent, with none missing and none invented. This JVM is traced too (selfTgid 0), so its
 * HTTP server and client are captured alongside curl, Python, Node.js and nginx.
 */
@Tag("kernel")
class SensorCaptureIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int BODY_CAP = 64 * 1024;
    private static final int JVM_PID = (int) ProcessHandle.current().pid();

    @TempDir
    static Path dir;

    private static HttpServer server;
    private static int port;
    private static Sensor sensor;
    private static final CapturedCalls calls = new CapturedCalls();

    @BeforeAll
    static void startSensorAndServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.createContext("/", SensorCaptureIT::answer);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.start();
        port = server.getAddress().getPort();
        var program = new SensorProgram.Config(SensorProgram.Config.defaults().chunkSize(), 4, 16 * 1024 * 1024, 0, 0);
        var options = new SensorOptions(program, new CaptureSettings(BODY_CAP, Duration.ofMinutes(1), 16_384, 1 << 20),
                true, Duration.ofSeconds(1));
        sensor = Sensor.start(options, calls::add);
    }

    @AfterAll
    static void stop() {
        if (sensor != null) {
            SensorStatus status = sensor.status();
            sensor.close();
            assertThat(status.kernelEventsLost()).as("ring buffer losses in the main suite: %s", status).isZero();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    /** Echoes what it received: path, byte count and SHA-256 of the body; chunked for /chunked, 201 for POST. */
    private static void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (path.equals("/chunked")) {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 5; i++) {
                    out.write(("{\"part\":" + i + "}\n").getBytes(UTF_8));
                    out.flush();
                }
            }
            return;
        }
        byte[] answer = ("{\"path\":\"" + path + "\",\"received\":" + body.length + ",\"sha256\":\"" + sha256(body) + "\"}")
                .getBytes(UTF_8);
        exchange.sendResponseHeaders(exchange.getRequestMethod().equals("POST") ? 201 : 200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    @Test
    void curlOverPlainHttpIsCapturedOnBothSides() throws Exception {
        String body = "{\"email\":\"ada@example.test\",\"plan\":\"pro\"}";
        run("curl", "-s", "-X", "POST", "-H", "Content-Type: application/json", "-H", "X-Trace: t-1", "--data-binary", body,
                "http://127.0.0.1:" + port + "/v1/users/42?expand=plan");

        List<ApiCall> seen = calls.await(to(port, "/v1/users/42?expand=plan"), 2, WAIT);

        assertThat(seen).hasSize(2);
        ApiCall client = only(seen, c -> c.observedSide() == ApiCall.Side.CLIENT);
        ApiCall serverSide = only(seen, c -> c.observedSide() == ApiCall.Side.SERVER);
        assertThat(client.process().name()).isEqualTo("curl");
        assertThat(serverSide.process().pid()).isEqualTo(JVM_PID);
        for (ApiCall call : seen) {
            assertThat(call.tls()).isFalse();
            assertThat(call.request().method()).isEqualTo("POST");
            assertThat(call.request().headers().first("Host")).contains("127.0.0.1:" + port);
            assertThat(call.request().headers().first("Content-Type")).contains("application/json");
            assertThat(call.request().headers().first("X-Trace")).contains("t-1");
            assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo(body);
            var response = call.response().orElseThrow();
            assertThat(response.status()).isEqualTo(201);
            assertThat(new String(response.body().bytes(), UTF_8)).contains("\"received\":" + body.length());
            assertThat(call.flags()).isEmpty();
            assertThat(call.server().port()).isEqualTo(port);
        }
        assertThat(client.client()).isEqualTo(serverSide.client());
    }

    @Test
    void javaClientOverPlainHttp() throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/java/hello"))
                    .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);

            List<ApiCall> seen = calls.await(to(port, "/java/hello"), 2, WAIT);

            ApiCall javaClient = only(seen, c -> c.observedSide() == ApiCall.Side.CLIENT);
            assertThat(javaClient.process().pid()).isEqualTo(JVM_PID);
            assertThat(new String(javaClient.response().orElseThrow().body().bytes(), UTF_8)).isEqualTo(response.body());
        }
    }

    @Test
    void keepAliveConnectionCarries200CallsInOrder() throws Exception {
        Path script = Files.writeString(dir.resolve("keepalive.py"), """
                import http.client, sys
                c = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
                for i in range(200):
                    c.request("GET", "/keepalive/%d" % i)
                    r = c.getresponse(); r.read()
                """);
        run("python3", script.toString(), Integer.toString(port));

        List<ApiCall> seen = calls.await(c -> c.observedSide() == ApiCall.Side.CLIENT && c.server().port() == port
                && c.request().target().startsWith("/keepalive/"), 200, WAIT);

        assertThat(seen).hasSize(200);
        assertThat(seen).extracting(c -> c.request().target())
                .containsExactlyElementsOf(java.util.stream.IntStream.range(0, 200).mapToObj(i -> "/keepalive/" + i).toList());
        assertThat(seen).extracting(ApiCall::client).containsOnly(seen.getFirst().client()); // one connection
        assertThat(seen).allSatisfy(c -> assertThat(c.flags()).isEmpty());
    }

    @Test
    void pipelinedRequestsArePairedInOrder() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String pipelined = "GET /pipe/1 HTTP/1.1\r\nHost: p\r\n\r\nGET /pipe/2 HTTP/1.1\r\nHost: p\r\n\r\n"
                    + "GET /pipe/3 HTTP/1.1\r\nHost: p\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(pipelined.getBytes(UTF_8));
            socket.getInputStream().readAllBytes();
        }

        List<ApiCall> seen = calls.await(c -> c.observedSide() == ApiCall.Side.CLIENT && c.request().target().startsWith("/pipe/")
                && c.server().port() == port, 3, WAIT);

        assertThat(seen).extracting(c -> c.request().target() + " -> " + new String(c.response().orElseThrow().body().bytes(), UTF_8))
                .containsExactly(
                        "/pipe/1 -> {\"path\":\"/pipe/1\",\"received\":0,\"sha256\":\"" + sha256(new byte[0]) + "\"}",
                        "/pipe/2 -> {\"path\":\"/pipe/2\",\"received\":0,\"sha256\":\"" + sha256(new byte[0]) + "\"}",
                        "/pipe/3 -> {\"path\":\"/pipe/3\",\"received\":0,\"sha256\":\"" + sha256(new byte[0]) + "\"}");
    }

    @Test
    void chunkedResponseIsReassembled() throws Exception {
        String expected = run("curl", "-s", "http://127.0.0.1:" + port + "/chunked");

        List<ApiCall> seen = calls.await(to(port, "/chunked"), 2, WAIT);

        assertThat(seen).hasSize(2).allSatisfy(call -> {
            var response = call.response().orElseThrow();
            assertThat(response.headers().first("Transfer-Encoding")).hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("chunked"));
            assertThat(new String(response.body().bytes(), UTF_8)).isEqualTo(expected).startsWith("{\"part\":0}");
        });
    }

    @Test
    void fiveMegabyteBodyIsTruncatedAndFlaggedNotCorrupted() throws Exception {
        byte[] big = new byte[5 * 1024 * 1024];
        new Random(5).nextBytes(big);
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + (big[i] & 15)); // printable, so curl and the test compare simply
        }
        Path file = Files.write(dir.resolve("big.bin"), big);
        String answer = run("curl", "-s", "-X", "POST", "--data-binary", "@" + file, "http://127.0.0.1:" + port + "/upload/big");
        assertThat(answer).contains("\"received\":" + big.length);

        List<ApiCall> seen = calls.await(to(port, "/upload/big"), 2, WAIT);

        assertThat(seen).hasSize(2).allSatisfy(call -> {
            var body = call.request().body();
            assertThat(body.truncated()).isTrue();
            assertThat(body.wireLength()).isEqualTo(big.length);
            assertThat(body.bytes()).isEqualTo(java.util.Arrays.copyOf(big, body.size()));
            assertThat(body.size()).isPositive().isLessThanOrEqualTo(BODY_CAP);
            assertThat(call.flags()).contains(CaptureFlag.REQUEST_BODY_TRUNCATED);
            assertThat(new String(call.response().orElseThrow().body().bytes(), UTF_8)).isEqualTo(answer);
        });
    }

    @Test
    void hundredConcurrentConnectionsDoNotMix() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                answers.add(pool.submit(() -> exchangeOnNewSocket("/concurrent/" + n, "body-of-" + n)));
            }
            for (Future<String> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).contains("\"received\"");
            }
        } finally {
            pool.shutdownNow();
        }

        List<ApiCall> seen = calls.await(c -> c.observedSide() == ApiCall.Side.CLIENT && c.server().port() == port
                && c.request().target().startsWith("/concurrent/"), 100, WAIT);

        assertThat(seen).hasSize(100).allSatisfy(call -> {
            String n = call.request().target().substring("/concurrent/".length());
            String body = "body-of-" + n;
            assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo(body);
            assertThat(new String(call.response().orElseThrow().body().bytes(), UTF_8))
                    .isEqualTo("{\"path\":\"/concurrent/" + n + "\",\"received\":" + body.length() + ",\"sha256\":\""
                            + sha256(body.getBytes(UTF_8)) + "\"}");
        });
        assertThat(seen).extracting(c -> c.request().target()).doesNotHaveDuplicates();
    }

    @Test
    void garbageOnASocketIsIgnoredAndCaptureGoesOn() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            byte[] garbage = new byte[16 * 1024];
            new Random(1).nextBytes(garbage);
            socket.getOutputStream().write(garbage);
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes();
        }
        run("curl", "-s", "http://127.0.0.1:" + port + "/after-garbage");

        assertThat(calls.await(to(port, "/after-garbage"), 2, WAIT)).hasSize(2);
    }

    @Test
    void httpsThroughSharedLibsslIsCapturedAsPlaintextOnBothSides() throws Exception {
        try (var https = PythonHttpsServer.start(dir)) {
            awaitProbed(path -> path.contains("libssl.so"));
            String body = "{\"card\":\"4111111111111111\"}";
            run("curl", "-sk", "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", body,
                    "https://127.0.0.1:" + https.port() + "/tls/curl?q=1");
            Path client = Files.writeString(dir.resolve("client.py"), """
                    import http.client, ssl, sys
                    c = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=ssl._create_unverified_context())
                    c.request("GET", "/tls/python", headers={"Authorization": "Bearer abc.def.ghi"})
                    print(c.getresponse().read().decode())
                    """);
            run("python3", client.toString(), Integer.toString(https.port()));
            // Uprobes attach per file: a Node.js process that was already running when the sensor found node is
            // covered, and so is every later one. A process that exits before its executable was first probed is not.
            Process idleNode = new ProcessBuilder("node", "-e", "setTimeout(() => {}, 60000)").start();
            try {
                awaitProbed(path -> path.endsWith("/node"));
            } finally {
                idleNode.destroy();
            }
            run("node", "-e", """
                    require('https').get({host: '127.0.0.1', port: %d, path: '/tls/node', rejectUnauthorized: false},
                      r => { r.resume(); r.on('end', () => process.exit(0)); });
                    """.formatted(https.port()));

            List<ApiCall> curl = calls.await(to(https.port(), "/tls/curl?q=1"), 2, WAIT);
            List<ApiCall> python = calls.await(to(https.port(), "/tls/python"), 2, WAIT);
            List<ApiCall> node = calls.await(to(https.port(), "/tls/node"), 2, WAIT);

            assertThat(curl).hasSize(2).allSatisfy(call -> {
                assertThat(call.tls()).isTrue();
                assertThat(new String(call.request().body().bytes(), UTF_8)).isEqualTo(body);
                assertThat(new String(call.response().orElseThrow().body().bytes(), UTF_8))
                        .isEqualTo("{\"method\": \"POST\", \"path\": \"/tls/curl?q=1\", \"received\": " + body.length() + "}");
            });
            assertThat(curl).extracting(c -> c.process().name()).containsExactlyInAnyOrder("curl", "python3");
            assertThat(python).hasSize(2).allSatisfy(call -> {
                assertThat(call.tls()).isTrue();
                assertThat(call.request().headers().first("Authorization")).contains("Bearer abc.def.ghi");
            });
            ApiCall nodeClient = only(node, c -> c.observedSide() == ApiCall.Side.CLIENT);
            assertThat(nodeClient.process().name()).isEqualTo("node");
            assertThat(nodeClient.tls()).isTrue();
            assertThat(nodeClient.server().port()).isEqualTo(https.port());
            assertThat(nodeClient.response().orElseThrow().status()).isEqualTo(200);
        }
    }

    @Test
    void nginxServingHttpsIsCapturedServerSide() throws Exception {
        Path certs = PythonHttpsServer.certificate(dir);
        int nginxPort = freePort();
        Path conf = Files.writeString(dir.resolve("nginx.conf"), """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/nginx-error.log;
                events {}
                http {
                  access_log off;
                  client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
                  uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
                  server {
                    listen 127.0.0.1:%2$d ssl;
                    ssl_certificate %3$s/cert.pem;
                    ssl_certificate_key %3$s/key.pem;
                    location / { default_type application/json; return 200 '{"served":"nginx"}'; }
                  }
                }
                """.formatted(dir, nginxPort, certs));
        Process nginx = new ProcessBuilder("nginx", "-c", conf.toString(), "-e", dir.resolve("nginx-error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        try {
            awaitListening(nginxPort);
            awaitProbed(path -> path.contains("libssl.so"));
            run("curl", "-sk", "https://127.0.0.1:" + nginxPort + "/nginx/check");

            List<ApiCall> seen = calls.await(to(nginxPort, "/nginx/check"), 2, WAIT);

            ApiCall served = only(seen, c -> c.observedSide() == ApiCall.Side.SERVER);
            assertThat(served.process().name()).isEqualTo("nginx");
            assertThat(served.tls()).isTrue();
            assertThat(new String(served.response().orElseThrow().body().bytes(), UTF_8)).isEqualTo("{\"served\":\"nginx\"}");
        } finally {
            nginx.destroy();
            nginx.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void tinyRingBufferUnderLoadCountsWhatItDrops() throws Exception {
        var program = new SensorProgram.Config(SensorProgram.Config.defaults().chunkSize(), 4, 4096, 0, 0);
        var options = new SensorOptions(program, CaptureSettings.DEFAULTS, false, Duration.ofMinutes(1));
        CapturedCalls slow = new CapturedCalls();
        SensorStatus status;
        try (Sensor tiny = Sensor.start(options, call -> {
            slow.add(call);
            sleep(5); // a consumer that cannot keep up
        })) {
            try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                for (int i = 0; i < 300; i++) {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/load/" + i))
                            .POST(HttpRequest.BodyPublishers.ofString("x".repeat(2000))).build(), HttpResponse.BodyHandlers.discarding());
                }
            }
            Thread.sleep(500);
            status = tiny.status();
        }
        assertThat(status.kernelEventsLost()).as("%s", status).isPositive();
        assertThat(status.lostAnything()).isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private static Predicate<ApiCall> to(int serverPort, String target) {
        return c -> c.server().port() == serverPort && c.request().target().equals(target);
    }

    private static ApiCall only(List<ApiCall> calls, Predicate<ApiCall> which) {
        List<ApiCall> matching = calls.stream().filter(which).toList();
        assertThat(matching).as("calls: %s", calls).hasSize(1);
        return matching.getFirst();
    }

    private static String exchangeOnNewSocket(String target, String body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            String request = "POST " + target + " HTTP/1.1\r\nHost: c\r\nConnection: close\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(UTF_8));
            return new String(socket.getInputStream().readAllBytes(), UTF_8);
        }
    }

    static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        assertThat(process.exitValue()).as("%s exit code", String.join(" ", command)).isZero();
        return out;
    }

    private static void awaitProbed(Predicate<String> library) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sensor.status().tlsLibraries().stream().noneMatch(library)) {
            assertThat(System.nanoTime()).as("TLS library probed; status %s", sensor.status()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                assertThat(System.nanoTime()).as("port %d listening", port).isLessThan(deadline);
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTPS echo server of {@code capture/https_echo_server.py} as a child process. */
    record PythonHttpsServer(Process process, int port) implements AutoCloseable {

        static Path certificate(Path dir) throws IOException, InterruptedException {
            return io.perimeter.testsupport.SelfSignedCertificate.in(dir.resolve("certs")).certificate().getParent();
        }

        static PythonHttpsServer start(Path dir) throws IOException, InterruptedException {
            Path certs = certificate(dir);
            Path script = dir.resolve("https_echo_server.py");
            try (var in = SensorCaptureIT.class.getResourceAsStream("/capture/https_echo_server.py")) {
                Files.write(script, in.readAllBytes());
            }
            Process process = new ProcessBuilder("python3", script.toString(), certs.resolve("cert.pem").toString(),
                    certs.resolve("key.pem").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String line = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8)).readLine();
            assertThat(line).as("the HTTPS server printed its port").isNotNull().containsOnlyDigits();
            return new PythonHttpsServer(process, Integer.parseInt(line));
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }
}
