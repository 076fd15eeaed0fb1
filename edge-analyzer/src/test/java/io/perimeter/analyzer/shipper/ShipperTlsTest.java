package io.perimeter.analyzer.shipper;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.shipper.Attempt.Outcome;
import io.perimeter.analyzer.spool.Batches;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to an ingest whose certificate comes from a private CA: trusted through the {@link SSLContext} the caller
 * passes, refused (and retried, with the batch kept) without it.
 */
class ShipperTlsTest {
    private static final char[] PASSWORD = "test-only".toCharArray();
    private static final ShipperSettings SETTINGS = new ShipperSettings(Duration.ofMillis(100), Duration.ofSeconds(10),
            Duration.ofSeconds(20));

    @TempDir
    Path dir;

    @Test
    void theCallersTrustDecidesAndTheBatchWaitsUntilItIsGiven() throws Exception {
        KeyStore serverKeys = selfSignedFor127001();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, PASSWORD);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);

        KeyStore privateCa = KeyStore.getInstance("PKCS12");
        privateCa.load(null, null);
        Certificate certificate = serverKeys.getCertificate("ingest");
        privateCa.setCertificateEntry("perimeter-private-ca", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(privateCa);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, trust.getTrustManagers(), null);

        FakeTime time = new FakeTime(Instant.parse("2026-11-22T10:00:00Z"));
        try (ScriptedIngest ingest = ScriptedIngest.startTls(serverContext);
                Spool spool = Spool.open(dir.resolve("spool"), SpoolSettings.DEFAULTS)) {
            assertThat(ingest.uri().getScheme()).isEqualTo("https");
            spool.append(Batches.id(1), Batches.gzipped(1));

            try (Shipper untrusting = Shipper.builder(ingest.uri(), () -> "edge-credential", spool).settings(SETTINGS)
                    .clock(time.clock()).sleeper(time).build()) {
                Attempt refused = untrusting.shipOldest();
                assertThat(refused.outcome()).isEqualTo(Outcome.RETRY_LATER);
                assertThat(untrusting.status().lastError()).contains("javax.net.ssl.SSLHandshakeException");
            }
            assertThat(ingest.received()).isEmpty();

            try (Shipper trusting = Shipper.builder(ingest.uri(), () -> "edge-credential", spool).settings(SETTINGS)
                    .sslContext(clientContext).clock(time.clock()).sleeper(time).build()) {
                assertThat(trusting.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
            }
            assertThat(ingest.received()).singleElement().satisfies(request -> {
                assertThat(request.header("Authorization")).isEqualTo("Bearer edge-credential");
                assertThat(request.json()).isEqualTo(Batches.batch(1).toString());
            });
        }
    }

    /** A key pair and self-signed certificate for IP 127.0.0.1, made by the JDK's keytool. */
    private KeyStore selfSignedFor127001() throws Exception {
        Path store = dir.resolve("ingest.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "ingest", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes());
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("keytool: %s", output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        assertThat(List.of(keys.aliases().nextElement())).containsExactly("ingest");
        return keys;
    }
}
