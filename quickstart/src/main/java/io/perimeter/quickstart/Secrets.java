package io.perimeter.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The quick start's secrets, generated on the first run and kept owner-only ({@code 600}) in its run directory, so
 * that a second run opens the same database and the same console account. None is logged; only the console password
 * is printed, on the launcher's terminal, since the person at it signs in with it.
 *
 * @param superuser      the embedded cluster's bootstrap superuser ({@code postgres}): creates the owner role once
 * @param owner          the schema owner, who runs the migrations
 * @param app            the application role the API's pool connects as
 * @param console        the console's local account ({@code demo-owner})
 * @param consoleSigning the key the console signs its cookie tokens with
 */
record Secrets(String superuser, String owner, String app, String console, String consoleSigning) {
    private static final String[] KEYS = {"superuser", "owner", "app", "console", "console-signing"};
    private static final SecureRandom RANDOM = new SecureRandom();

    static Secrets loadOrCreate(Path file) throws IOException {
        Properties values = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                values.load(in);
            }
        }
        boolean added = false;
        for (String key : KEYS) {
            if (values.getProperty(key, "").isBlank()) {
                values.setProperty(key, Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes()));
                added = true;
            }
        }
        if (added) {
            Files.createDirectories(file.getParent());
            Path fresh = file.resolveSibling(file.getFileName() + ".new");
            Files.deleteIfExists(fresh);
            Files.createFile(fresh, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(fresh)) {
                values.store(out, "The quick start's passwords and keys; generated once, never committed");
            }
            Files.move(fresh, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        return new Secrets(values.getProperty("superuser"), values.getProperty("owner"), values.getProperty("app"),
                values.getProperty("console"), values.getProperty("console-signing"));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public String toString() {
        return "Secrets[hidden]";
    }
}
