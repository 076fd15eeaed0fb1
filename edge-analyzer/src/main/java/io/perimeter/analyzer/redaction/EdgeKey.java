package io.perimeter.analyzer.redaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The edge's pseudonym key: 32 random bytes generated on the edge, kept in a file readable by its owner only,
 * never sent anywhere and never logged. Losing it only means pseudonyms change (distinct counts restart).
 */
public final class EdgeKey {
    static final int LENGTH = 32;
    private final byte[] bytes;

    private EdgeKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A key that lives only in memory (tests, the offline command). */
    public static EdgeKey ephemeral() {
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        return new EdgeKey(key);
    }

    /**
     * Reads the key file, creating it (mode 600) with a new random key the first time.
     *
     * @throws IllegalStateException if the file exists but is not a key (wrong length)
     */
    public static EdgeKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length != LENGTH) {
                    throw new IllegalStateException(file + " is not an edge key (" + key.length + " bytes, expected " + LENGTH + ")");
                }
                return new EdgeKey(key);
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            byte[] key = new byte[LENGTH];
            new SecureRandom().nextBytes(key);
            Path temp = Files.createTempFile(dir, ".edge-key", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(temp, key, StandardOpenOption.SYNC);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new EdgeKey(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the edge key " + file, e);
        }
    }

    byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "EdgeKey[hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeKey other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
