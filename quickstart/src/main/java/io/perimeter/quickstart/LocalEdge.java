package io.perimeter.quickstart;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The edge on this host, run through {@code scripts/perimeter-edge} exactly as an operator would: {@code enroll} with
 * a one-time token against the API's URL, then {@code run} with a short batch interval, capturing the sample APIs'
 * ports live or replaying the bundled recording.
 */
final class LocalEdge implements AutoCloseable {
    static final String BATCH_INTERVAL = "5s";
    /** A live edge exits with 2 when capture cannot start; it does so while it starts, well within this. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** The edge closes its last window and ships it on SIGTERM (its drain timeout is 10 s). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    enum Source { LIVE, REPLAY }

    private final ChildProcess process;
    private final Source source;

    private LocalEdge(ChildProcess process, Source source) {
        this.process = process;
        this.source = source;
    }

    /**
     * Enrolls the edge unless its state directory holds an identity the cloud still knows and has not revoked.
     *
     * @return the edge's id
     */
    static String enroll(QuickStartSettings settings, String cloudUrl, CloudDatabase database, UUID tenant,
                         Supplier<String> token) throws IOException, InterruptedException, SQLException {
        Path state = settings.edgeState();
        Optional<String> known = enrolledEdge(state);
        if (known.isPresent() && activeInCloud(database, tenant, known.get())) {
            return known.get();
        }
        List<String> command = new ArrayList<>(List.of(settings.script("perimeter-edge").toString(), "enroll",
                "--cloud", cloudUrl, "--token", token.get(), "--state", state.toString(), "--hostname", "quickstart"));
        if (known.isPresent()) {
            command.add("--force"); // the database was made afresh: the old identity is gone
        }
        try (ChildProcess enroll = ChildProcess.start("perimeter-edge enroll", command, settings.root(),
                settings.logs().resolve("edge-enroll.log"), Duration.ofSeconds(5))) {
            int status = enroll.waitFor(Duration.ofMinutes(5)); // the first run may build the edge
            if (status != 0) {
                throw new IOException("perimeter-edge enroll failed (" + enroll.lastLine() + "); see "
                        + settings.logs().resolve("edge-enroll.log"));
            }
        }
        return enrolledEdge(state).orElseThrow(() -> new IOException("perimeter-edge enroll wrote no identity"));
    }

    /**
     * Starts {@code perimeter-edge run}: live capture of the sample APIs' ports unless {@code replay} is given, and
     * waits until it closed its first window (capture is attached by then).
     */
    static LocalEdge run(QuickStartSettings settings, Optional<Path> replay) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(settings.script("perimeter-edge").toString(), "run",
                "--state", settings.edgeState().toString(), "--batch-interval", BATCH_INTERVAL));
        if (replay.isPresent()) {
            command.addAll(List.of("--input", replay.get().toString()));
        } else {
            command.addAll(List.of("--port", settings.ports().sampleApis().stream().map(String::valueOf)
                    .collect(Collectors.joining(","))));
        }
        Path log = settings.logs().resolve("edge-run.log");
        ChildProcess process = ChildProcess.start("perimeter-edge run", command, settings.root(), log, STOP_GRACE);
        if (!process.awaitLine(line -> line.contains(" window: "), START_TIMEOUT)) {
            String last = process.lastLine();
            process.close();
            throw new EdgeDidNotStart(last, log);
        }
        return new LocalEdge(process, replay.isPresent() ? Source.REPLAY : Source.LIVE);
    }

    Source source() {
        return source;
    }

    private static Optional<String> enrolledEdge(Path state) throws IOException {
        Path file = state.resolve("edge.properties");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return Optional.ofNullable(properties.getProperty("edgeId"));
    }

    private static boolean activeInCloud(CloudDatabase database, UUID tenant, String edgeId) throws SQLException {
        try (Connection connection = database.reader(tenant);
             PreparedStatement query = connection.prepareStatement(
                     "SELECT 1 FROM edges WHERE id::text = ? AND revoked_at IS NULL")) {
            query.setString(1, edgeId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    @Override
    public void close() {
        process.close();
    }

    /** The edge ended or stayed silent while starting; for live capture the quick start then replays instead. */
    static final class EdgeDidNotStart extends IOException {
        EdgeDidNotStart(String lastLine, Path log) {
            super("the edge did not start (" + lastLine + "); see " + log);
        }
    }
}
