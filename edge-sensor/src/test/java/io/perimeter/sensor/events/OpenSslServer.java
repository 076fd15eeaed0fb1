package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_server -www} on 127.0.0.1 with a throw-away self-signed certificate: it answers each HTTPS
 * request with an HTML status page ({@code HTTP/1.0 200 ok}), one connection after the other. It runs as its own
 * process, not traced by the tests' filter.
 */
final class OpenSslServer implements AutoCloseable {

    private static final Pattern ACCEPT = Pattern.compile("ACCEPT \\S+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final int port;

    private OpenSslServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Creates a P-256 key and a self-signed certificate for localhost in {@code dir}. */
    static void createCertificate(Path dir) throws IOException, InterruptedException {
        io.perimeter.testsupport.SelfSignedCertificate.in(dir);
    }

    /** Starts the server with the certificate that {@link #createCertificate} put in {@code dir}. */
    static OpenSslServer start(Path dir) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "s_server", ".log");
        Process process = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", dir.resolve("cert.pem").toString(), "-key", dir.resolve("key.pem").toString(), "-www")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher accept = ACCEPT.matcher(Files.readString(log));
            if (accept.find()) {
                return new OpenSslServer(process, Integer.parseInt(accept.group(1)));
            }
            if (!process.isAlive()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        process.destroyForcibly();
        throw new AssertionError("openssl s_server did not start listening: " + Files.readString(log));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
