package io.perimeter.cloud.playbooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.io.TempDir;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deliveries connect to the addresses the guard checked, not to a new DNS answer: a name only the guard's resolver
 * knows is reached, a name whose answer turns internal after the check never reaches the internal server, and over
 * HTTPS the certificate is still verified for the URL's name.
 */
class PinnedDeliveryTest {
    private static final char[] PASSWORD = "changeit-test".toCharArray();
    private HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host="
                    + exchange.getRequestHeaders().getFirst("Host") + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/busy") ? 429 : 202, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theConnectionGoesToTheAddressTheGuardResolvedWithTheNameAsHost() {
        // "hooks.example" resolves nowhere but in this resolver: only a pinned connection can reach the server.
        Deliverer deliverer = deliverer(true, host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {127, 0, 0, 1})});
        int port = server.getAddress().getPort();
        List<DeliveryAttempt> attempts = deliverer.send(new OutgoingRequest("POST",
                URI.create("http://hooks.example:" + port + "/hook?x=1"), Map.of("X-Test", "yes"), "{\"a\":1}"));
        assertThat(attempts).extracting(DeliveryAttempt::outcome).containsExactly("delivered");
        assertThat(attempts.getFirst().httpStatus()).isEqualTo(202);
        assertThat(received).containsExactly("POST /hook?x=1 host=hooks.example:" + port + " body={\"a\":1}");

        List<DeliveryAttempt> busy = deliverer.send(new OutgoingRequest("POST",
                URI.create("http://hooks.example:" + port + "/busy"), Map.of(), ""));
        assertThat(busy).extracting(a -> a.httpStatus() + " " + a.outcome())
                .containsExactly("429 retrying", "429 retrying", "429 failed");
    }

    @Test
    void anAnswerThatTurnsInternalAfterTheCheckNeverReachesTheInternalServer() {
        // The first answer is a public address; every later one is the loopback where the server listens.
        AtomicInteger lookups = new AtomicInteger();
        Deliverer deliverer = deliverer(false, host -> new InetAddress[] {InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[] {(byte) 198, 51, 100, 7} : new byte[] {127, 0, 0, 1})});
        List<DeliveryAttempt> attempts = deliverer.send(new OutgoingRequest("POST",
                URI.create("http://rebind.example:" + server.getAddress().getPort() + "/hook"), Map.of(), "{}"));
        assertThat(attempts).extracting(DeliveryAttempt::outcome).containsExactly("retrying", "failed");
        assertThat(attempts.getFirst().error()).startsWith("no answer");
        assertThat(attempts.getLast().error()).contains("internal address");
        assertThat(received).as("nothing reached the internal server").isEmpty();
    }

    @Test
    void aHeaderValueWithALineBreakIsNotSent() {
        Deliverer deliverer = deliverer(true, host -> new InetAddress[] {InetAddress.getByAddress(host,
                new byte[] {127, 0, 0, 1})});
        List<DeliveryAttempt> attempts = deliverer.send(new OutgoingRequest("POST",
                URI.create("http://hooks.example:" + server.getAddress().getPort() + "/hook"),
                Map.of("Kong-Admin-Token", "token\r\nX-Injected: 1"), "{}"));
        assertThat(attempts).extracting(DeliveryAttempt::outcome).containsExactly("failed");
        assertThat(attempts.getFirst().error()).doesNotContain("X-Injected");
        assertThat(received).isEmpty();
    }

    @Test
    void overHttpsTheCertificateIsVerifiedForTheNameWhileTheConnectionGoesToTheCheckedAddress(@TempDir Path dir)
            throws Exception {
        KeyStore serverKeys = selfSigned(dir, "hooks.example");
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        https.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        https.start();
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("hooks", serverKeys.getCertificate("hooks"));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, trust.getTrustManagers(), null);
            DeliverySettings settings = new DeliverySettings(true, false, 1, Duration.ofMillis(1),
                    Duration.ofMillis(5), Duration.ofSeconds(5));
            DestinationGuard.HostResolver loopback = host -> new InetAddress[] {InetAddress.getByAddress(host,
                    new byte[] {127, 0, 0, 1})};
            Deliverer deliverer = new Deliverer(settings, new DestinationGuard(settings, loopback), clientContext);
            int port = https.getAddress().getPort();

            List<DeliveryAttempt> named = deliverer.send(new OutgoingRequest("PUT",
                    URI.create("https://hooks.example:" + port + "/routes/a"), Map.of(), "{}"));
            assertThat(named).extracting(a -> a.httpStatus() + " " + a.outcome()).containsExactly("204 delivered");
            assertThat(received).containsExactly("PUT /routes/a");

            // The same server and address under another name: its certificate does not name it, so nothing is sent.
            List<DeliveryAttempt> other = deliverer.send(new OutgoingRequest("PUT",
                    URI.create("https://other.example:" + port + "/routes/b"), Map.of(), "{}"));
            assertThat(other).extracting(DeliveryAttempt::outcome).containsExactly("failed");
            assertThat(other.getFirst().error()).contains("SSLHandshakeException");
            assertThat(received).containsExactly("PUT /routes/a");
        } finally {
            https.stop(0);
        }
    }

    /** A key pair and self-signed certificate for the DNS name, made by the JDK's keytool. */
    private static KeyStore selfSigned(Path dir, String name) throws Exception {
        Path store = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "hooks", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-ext", "san=dns:" + name, "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        return keys;
    }

    private static Deliverer deliverer(boolean allowPrivate, DestinationGuard.HostResolver resolver) {
        DeliverySettings settings = new DeliverySettings(allowPrivate, true, 3, Duration.ofMillis(1),
                Duration.ofMillis(5), Duration.ofMillis(500));
        return new Deliverer(settings, new DestinationGuard(settings, resolver));
    }
}
