package io.perimeter.quickstart;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The one-command quick start: an embedded PostgreSQL, the cloud API on it, the tenant {@code demo} with its owner, an
 * edge enrolled through the real flow and running with a 5 s batch interval, two sample APIs and traffic against
 * them. Everything it starts is stopped, last started first, when it is closed (and on Ctrl-C); a second run reuses
 * the database, the passwords, the enrolled edge and the certificates kept in the run directory.
 */
public final class QuickStart implements AutoCloseable {
    static final String REPLAY_RECORDING = "replay/sample-traffic.har";
    private static final int STEPS = 8;

    private final QuickStartSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final long startedAt = System.nanoTime();
    private Secrets secrets;
    private EmbeddedDatabase embedded;
    private ControlPlane api;
    private CloudInventory inventory;
    private LocalEdge edge;
    private boolean closed;

    private QuickStart(QuickStartSettings settings) {
        this.settings = settings;
    }

    /** Starts everything, printing one line per step to {@code out}; on failure stops what it started and throws. */
    static QuickStart start(QuickStartSettings settings, PrintStream out) throws Exception {
        QuickStart quickStart = new QuickStart(settings);
        try {
            quickStart.startAll(new Progress(out, STEPS));
        } catch (Exception | Error e) {
            quickStart.close();
            throw e;
        }
        return quickStart;
    }

    private void startAll(Progress progress) throws Exception {
        QuickStartSettings.Ports ports = settings.ports();
        ports.requireFree();
        Files.createDirectories(settings.runDirectory());
        Files.setPosixFilePermissions(settings.runDirectory(), PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(settings.logs());
        secrets = Secrets.loadOrCreate(settings.runDirectory().resolve("secrets.properties"));

        CloudDatabase database;
        if (settings.services().isPresent()) {
            progress.begin("PostgreSQL, Redis, Pulsar and Keycloak of scripts/services");
            progress.done("started by scripts/quickstart --full, which stops on exit those it started");
            progress.begin("cloud API and console (ingest through Pulsar, Keycloak sign-in)");
            api = remember(ControlPlane.onServices(settings.services().get(), ports.api()));
            database = ServicesDatabase.of(api.context());
        } else {
            Path data = settings.runDirectory().resolve("postgres");
            progress.begin("embedded PostgreSQL on 127.0.0.1:" + ports.postgres());
            boolean reused = Files.exists(data.resolve("PG_VERSION"));
            embedded = remember(EmbeddedDatabase.start(data, ports.postgres(), secrets,
                    settings.logs().resolve("postgres.log")));
            database = embedded;
            progress.done((reused ? "reused " : "created ") + relative(data));
            progress.begin("cloud API and console (inline ingest, local sign-in; no Redis, Pulsar or Keycloak)");
            api = remember(ControlPlane.onEmbedded(embedded, secrets, ports.api()));
        }
        progress.done(api.url() + ", log in " + relative(settings.logs().resolve("cloud-api.log")));

        progress.begin("tenant \"" + DemoTenant.SLUG + "\" with its owner " + DemoTenant.OWNER);
        DemoTenant tenant = DemoTenant.onboard(api.context());
        if (settings.full()) {
            KeycloakDemoAccount.setPassword(api.context(), DemoTenant.OWNER, secrets.console());
        }
        inventory = new CloudInventory(database, tenant.tenant().id());
        long occurrencesBefore = inventory.counts().occurrences();
        progress.done(settings.full() ? "ready, with its Keycloak organization and Pulsar namespace" : "ready");

        progress.begin("edge enrollment (perimeter-edge enroll with a one-time token)");
        String edgeId = LocalEdge.enroll(settings, api.url(), database, tenant.tenant().id(),
                () -> tenant.enrollmentToken().token());
        progress.done("edge " + edgeId + ", state in " + relative(settings.edgeState()));

        progress.begin("sample APIs: shop on Node.js, payments on Python, HTTP and HTTPS");
        remember(SampleApis.start(settings));
        progress.done("listening");

        progress.begin("edge run, a batch every " + LocalEdge.BATCH_INTERVAL);
        Optional<String> noCapture = settings.forceReplay() ? Optional.of("asked for --replay") : LiveCapability.missing();
        if (noCapture.isEmpty()) {
            try {
                edge = remember(LocalEdge.run(settings, Optional.empty()));
            } catch (LocalEdge.EdgeDidNotStart e) {
                noCapture = Optional.of("live capture did not start: " + e.getMessage());
            }
        }
        if (noCapture.isPresent()) {
            edge = remember(LocalEdge.run(settings, Optional.of(settings.bundled(REPLAY_RECORDING))));
            progress.done("REPLAY of the bundled recording " + relative(settings.bundled(REPLAY_RECORDING))
                    + ", not live traffic ("
                    + noCapture.get() + ")");
        } else {
            progress.done("live eBPF capture of ports " + ports.sampleApis());
        }

        progress.begin("traffic generator");
        if (edge.source() == LocalEdge.Source.LIVE) {
            remember(TrafficGenerator.start(settings));
            progress.done("users, payments and a few attacks; log in " + relative(settings.logs().resolve("traffic.log")));
        } else {
            progress.done("not started: the edge replays a recording");
        }

        progress.begin("waiting for the first findings in the cloud");
        Optional<Duration> first = awaitFindingsAfter(occurrencesBefore, Duration.ofMinutes(2));
        progress.done(first.isPresent()
                ? String.format(Locale.ROOT, "%s after %.0f s from start", inventory.counts(), first.get().toMillis() / 1e3)
                : "none yet (see " + relative(settings.logs()) + ")");
    }

    /**
     * Polls the cloud until a batch of this run brought findings (their occurrences grew past {@code before});
     * returns how long after the launcher started they came.
     */
    private Optional<Duration> awaitFindingsAfter(long before, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (inventory.counts().occurrences() > before) {
                return Optional.of(Duration.ofNanos(System.nanoTime() - startedAt));
            }
            Thread.sleep(500);
        }
        return Optional.empty();
    }

    /** The embedded database; absent with {@code --full}. */
    Optional<EmbeddedDatabase> embeddedDatabase() {
        return Optional.ofNullable(embedded);
    }

    LocalEdge.Source edgeSource() {
        return edge.source();
    }

    /** Keeps {@code resource} for {@link #close}; one started after a Ctrl-C during start-up is stopped at once. */
    private synchronized <T extends AutoCloseable> T remember(T resource) throws Exception {
        if (closed) {
            resource.close();
            throw new IllegalStateException("stopped while starting");
        }
        started.push(resource);
        return resource;
    }

    private String relative(Path path) {
        return settings.root().relativize(path.toAbsolutePath()).toString();
    }

    /** Stops everything it started, the last started first: the edge ships its last batch before the API stops. */
    @Override
    public synchronized void close() {
        closed = true;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("quick start: stopping failed: " + e);
            }
        }
    }

    /** Where the API, the console (with its sign-in), the sample APIs and the logs are. */
    void printWhereThingsAre(PrintStream out) {
        QuickStartSettings.Ports ports = settings.ports();
        out.printf("""

                Perimeter quick start is running (Ctrl-C stops everything it started).
                  cloud API      %s  (OpenAPI: %s/openapi/perimeter-cloud-api-1.yml)
                  console        %s  sign in %sas %s, password %s
                  tenant         %s, owner %s
                  sample APIs    shop (Node.js)     http://127.0.0.1:%d/api/health  https://127.0.0.1:%d/api/health
                                 payments (Python)  http://127.0.0.1:%d/v1/health   https://127.0.0.1:%d/v1/health
                  logs           %s
                """, api.url(), api.url(), api.url(), settings.full() ? "through Keycloak " : "", DemoTenant.OWNER,
                secrets.console(), DemoTenant.SLUG,
                DemoTenant.OWNER, ports.shopHttp(), ports.shopHttps(), ports.paymentsHttp(), ports.paymentsHttps(),
                relative(settings.logs()));
    }

    public static void main(String[] args) throws Exception {
        QuickStartSettings settings;
        try {
            settings = QuickStartSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("quickstart: " + e.getMessage());
            System.exit(2);
            return;
        }
        // Before the first logger exists: the API's, PostgreSQL's and the launcher's logs go to files, not the screen.
        System.setProperty("quickstart.logs", settings.logs().toString());
        System.setProperty("logback.configurationFile", "quickstart-logback.xml");
        QuickStart quickStart = new QuickStart(settings);
        // Registered before the first step, so that a Ctrl-C while starting also stops what has started so far.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nstopping: traffic, edge (ships its last batch), sample APIs, cloud API"
                    + (settings.full() ? "" : ", PostgreSQL"));
            quickStart.close();
        }, "quickstart-stop"));
        try {
            quickStart.startAll(new Progress(System.out, STEPS));
        } catch (Exception e) {
            System.out.println("failed");
            System.err.println("quickstart: " + e.getMessage() + " (logs in " + settings.logs() + ")");
            System.exit(1);
            return;
        }
        quickStart.printWhereThingsAre(System.out);
        while (true) {
            Thread.sleep(Duration.ofSeconds(15));
            try {
                System.out.println("cloud: " + quickStart.inventory.counts());
            } catch (SQLException e) {
                // The database is stopping (Ctrl-C) or busy; the next line says how things stand.
            }
        }
    }
}
