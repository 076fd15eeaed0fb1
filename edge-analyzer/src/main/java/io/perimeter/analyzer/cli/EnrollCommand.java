package io.perimeter.analyzer.cli;

import io.perimeter.analyzer.edge.EdgeVersion;
import io.perimeter.analyzer.enrollment.CloudEndpoint;
import io.perimeter.analyzer.enrollment.EdgeState;
import io.perimeter.analyzer.enrollment.Enrollment;
import io.perimeter.analyzer.enrollment.EnrollmentClient;
import io.perimeter.analyzer.enrollment.EnrollmentException;
import io.perimeter.analyzer.enrollment.EnrollmentGrant;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code enroll}: exchanges a one-time enrollment token from the console for this edge's id and credential, and stores
 * them in the state directory (the credential owner-only) for {@code run}. Neither the token nor the credential is
 * ever printed.
 */
@Command(name = "enroll", mixinStandardHelpOptions = true,
        description = "Enrolls this edge with the cloud: exchanges a one-time token from the console for the edge's "
                + "credential, stored owner-only in the state directory. Run it once per edge, before 'run'.")
final class EnrollCommand implements Callable<Integer> {
    static final String DEFAULT_STATE = "/var/lib/perimeter";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--token", paramLabel = "TOKEN", description = "the enrollment token from the console")
    String token;

    @Option(names = "--token-file", paramLabel = "PATH",
            description = "a file holding the enrollment token, which then stays out of the host's process list")
    Path tokenFile;

    @Option(names = "--cloud", paramLabel = "URL", description = "the cloud's URL, e.g. https://perimeter.example.com")
    String cloud;

    @Option(names = "--state", paramLabel = "DIR", defaultValue = DEFAULT_STATE,
            description = "the state directory (default: ${DEFAULT-VALUE})")
    Path state;

    /** Read by {@link EdgeConfigFile} before the command runs: the file's values are the options' defaults. */
    @Option(names = EdgeConfigFile.OPTION, paramLabel = "PATH",
            description = "the configuration file (default: " + EdgeConfigFile.DEFAULT_PATH + " if it exists)")
    Path config;

    @Option(names = "--hostname", paramLabel = "NAME", description = "how the console lists this edge (default: this host's name)")
    String hostname;

    @Option(names = "--force", description = "enroll again although this edge is enrolled (it gets a new identity)")
    boolean force;

    private final PrintStream out;
    private final PrintStream err;

    EnrollCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        if ((token == null) == (tokenFile == null)) {
            return fail("give the enrollment token with --token TOKEN or --token-file PATH (one of them)");
        }
        String oneTimeToken;
        try {
            oneTimeToken = (token != null ? token : Files.readString(tokenFile)).strip();
        } catch (IOException e) {
            return fail("cannot read the token file " + tokenFile + " (" + e.getMessage() + ")");
        }
        if (oneTimeToken.isEmpty()) {
            return fail("the enrollment token is empty");
        }
        if (cloud == null) {
            return fail("no cloud URL: give --cloud URL (or cloud= in the configuration file)");
        }
        CloudEndpoint endpoint;
        try {
            endpoint = CloudEndpoint.parse(cloud);
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        EdgeState edgeState = EdgeState.at(state);
        try {
            Optional<Enrollment> existing = edgeState.enrollment();
            if (existing.isPresent() && !force) {
                return fail("this edge is already enrolled as " + existing.get().edgeId() + " (" + edgeState.directory()
                        + "); --force enrolls it again with a new identity");
            }
            // Before the token is spent: it works only once.
            edgeState.prepareForEnrollment();
        } catch (IllegalStateException | UncheckedIOException e) {
            return fail(e.getMessage());
        }
        EnrollmentGrant grant;
        try {
            grant = new EnrollmentClient(TIMEOUT).enroll(endpoint, oneTimeToken, hostname(), EdgeVersion.VALUE);
        } catch (EnrollmentException e) {
            return fail(e.getMessage());
        }
        try {
            edgeState.save(grant);
        } catch (UncheckedIOException e) {
            return fail(e.getMessage() + "; the token is spent: ask for a new one once the directory is writable");
        }
        Enrollment enrollment = grant.enrollment();
        out.printf("enrolled: edge %s of tenant %s at %s; credential stored owner-only in %s%n", enrollment.edgeId(),
                enrollment.tenant(), enrollment.cloud(), edgeState.directory());
        return 0;
    }

    private String hostname() {
        if (hostname != null) {
            return hostname;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private int fail(String problem) {
        err.println("perimeter-edge enroll: " + problem);
        return 2;
    }
}
