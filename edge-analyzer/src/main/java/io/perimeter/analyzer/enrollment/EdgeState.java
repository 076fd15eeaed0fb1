package io.perimeter.analyzer.enrollment;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * The edge's state directory ({@code /var/lib/perimeter} by default), owner-only:
 *
 * <table>
 *   <tr><td>{@value #ENROLLMENT_FILE}</td><td>the enrollment: edge id, tenant, cloud URL</td></tr>
 *   <tr><td>{@value #CREDENTIAL_FILE}</td><td>the edge credential, mode 600</td></tr>
 *   <tr><td>{@value #KEY_FILE}</td><td>the pseudonym key ({@link io.perimeter.analyzer.redaction.EdgeKey}), mode 600</td></tr>
 *   <tr><td>{@value #SPOOL_DIRECTORY}/</td><td>the spool ({@link io.perimeter.analyzer.spool.Spool})</td></tr>
 * </table>
 *
 * <p>Files are replaced atomically (written beside, synced, renamed), so a crash leaves the old file or the new one.
 * Messages name files, never their content. Thread-safe (no state of its own besides the path).
 */
public final class EdgeState {
    static final String ENROLLMENT_FILE = "edge.properties";
    static final String CREDENTIAL_FILE = "credential";
    static final String KEY_FILE = "edge.key";
    static final String SPOOL_DIRECTORY = "spool";
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Path directory;

    private EdgeState(Path directory) {
        this.directory = directory;
    }

    /** The state kept in {@code directory}; nothing is read or created yet. */
    public static EdgeState at(Path directory) {
        return new EdgeState(directory.toAbsolutePath());
    }

    public Path directory() {
        return directory;
    }

    public Path edgeKeyFile() {
        return directory.resolve(KEY_FILE);
    }

    public Path spoolDirectory() {
        return directory.resolve(SPOOL_DIRECTORY);
    }

    Path credentialFile() {
        return directory.resolve(CREDENTIAL_FILE);
    }

    /**
     * Creates the directory (owner-only) if needed and checks that files can be written in it: done before the
     * enrollment token is spent, since the token works only once.
     *
     * @throws IllegalStateException naming the directory and what to do
     */
    public void prepareForEnrollment() {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Files.delete(Files.createTempFile(directory, ".probe", ".tmp"));
        } catch (AccessDeniedException e) {
            throw new IllegalStateException("cannot write to the state directory " + directory
                    + ": permission denied (run as the edge's user, or choose another --state)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write to the state directory " + directory + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The enrollment stored here, if this edge was enrolled.
     *
     * @throws IllegalStateException if the file is there but damaged
     */
    public Optional<Enrollment> enrollment() {
        Path file = directory.resolve(ENROLLMENT_FILE);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            return Optional.of(new Enrollment(UUID.fromString(properties.getProperty("edgeId", "")),
                    properties.getProperty("tenant", ""), CloudEndpoint.parse(properties.getProperty("cloud", ""))));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is damaged (" + e.getMessage() + "): enroll this edge again", e);
        }
    }

    /**
     * Stores an enrollment: the credential first (mode 600), then the identity, each replaced atomically.
     *
     * @throws UncheckedIOException naming the file that could not be written
     */
    public void save(EnrollmentGrant grant) {
        writeOwnerOnly(credentialFile(), grant.credential().getBytes(UTF_8));
        Enrollment enrollment = grant.enrollment();
        Properties properties = new Properties();
        properties.setProperty("edgeId", enrollment.edgeId().toString());
        properties.setProperty("tenant", enrollment.tenant());
        properties.setProperty("cloud", enrollment.cloud().toString());
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Perimeter edge enrollment (written by perimeter-edge enroll)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        writeOwnerOnly(directory.resolve(ENROLLMENT_FILE), text.toString().getBytes(UTF_8));
    }

    /**
     * Checks that the credential file is there and readable by its owner only, as a secret must be.
     *
     * @throws IllegalStateException naming the file and what to do
     */
    public void checkCredentialFile() {
        Path file = credentialFile();
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(OTHERS::contains)) {
                throw new IllegalStateException("the credential file " + file + " is open to others ("
                        + PosixFilePermissions.toString(permissions) + "): run chmod 600 " + file);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("the credential file " + file + " is missing: enroll this edge again", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The edge credential as stored now, read afresh on every call so that a replaced file is used at once; null if
     * there is none.
     *
     * @throws UncheckedIOException if the file exists but cannot be read
     */
    public String credential() {
        try {
            return Files.readString(credentialFile(), UTF_8).strip();
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + credentialFile(), e);
        }
    }

    private void writeOwnerOnly(Path file, byte[] content) {
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            Path temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
            try {
                Files.write(temp, content, StandardOpenOption.SYNC);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
