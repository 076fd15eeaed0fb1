package io.perimeter.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A throw-away P-256 key and self-signed certificate for {@code localhost}, made with the openssl command. */
public record SelfSignedCertificate(Path certificate, Path key) {

    /**
     * Creates {@code cert.pem} and {@code key.pem} in {@code dir}, or reuses them if they are there.
     *
     * @throws IllegalStateException with openssl's output when it fails
     */
    public static SelfSignedCertificate in(Path dir) throws IOException, InterruptedException {
        var made = new SelfSignedCertificate(dir.resolve("cert.pem"), dir.resolve("key.pem"));
        if (Files.exists(made.certificate()) && Files.exists(made.key())) {
            return made;
        }
        Files.createDirectories(dir);
        Process req = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-keyout", made.key().toString(), "-out", made.certificate().toString(), "-days", "1",
                "-subj", "/CN=localhost").redirectErrorStream(true).start();
        String output = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!req.waitFor(30, TimeUnit.SECONDS) || req.exitValue() != 0) {
            throw new IllegalStateException("openssl req failed: " + output);
        }
        return made;
    }
}
