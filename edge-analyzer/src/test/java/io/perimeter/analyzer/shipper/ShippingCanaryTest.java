package io.perimeter.analyzer.shipper;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_16LE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.shipper.Attempt.Outcome;
import io.perimeter.analyzer.shipper.ScriptedIngest.Received;
import io.perimeter.analyzer.shipper.ScriptedIngest.Reply;
import io.perimeter.analyzer.spool.Batches;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.contract.PerimeterContract;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import java.util.zip.ZipException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary proof for shipping: the spool only ever holds contract batches, and nothing of what the ingest answers
 * (bodies, problem details, headers) nor the edge credential may reach the spool's files, the shipper's status or the
 * logs. The ingest is made to echo planted values in every refusal and failure; then every file of the spool (raw, and
 * every stored value decompressed), the status, the spool's stats and dead letters and every log record are searched
 * for them, and everything that was shipped must be a contract batch.
 */
class ShippingCanaryTest {
    private static final String CREDENTIAL = "edgeCredCanary7e1d9b2f";
    private static final Map<String, String> CANARIES = Map.of(
            "email", "zoe.canary@example.test",
            "card", "4111111111111111",
            "echo", "CanaryEchoedValue5f3a9c",
            "type", "canary-type-token-q7",
            "header", "CanaryHeaderValue81",
            "credential", CREDENTIAL);

    @TempDir
    Path dir;

    private final Logger perimeterLogs = Logger.getLogger("io.perimeter.analyzer");
    private final List<String> logs = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringBuilder text = new StringBuilder(record.getLoggerName()).append(' ').append(formatter.formatMessage(record));
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                text.append(' ').append(t);
            }
            synchronized (logs) {
                logs.add(text.toString());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        levelBefore = perimeterLogs.getLevel();
        perimeterLogs.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        perimeterLogs.addHandler(capture);
    }

    @AfterEach
    void releaseLogs() {
        perimeterLogs.removeHandler(capture);
        perimeterLogs.setLevel(levelBefore);
    }

    @Test
    void whatTheIngestEchoesAndTheCredentialStayOutOfTheSpoolTheStatusAndTheLogs() throws Exception {
        String problem = """
                {"type": "https://perimeter.example/problems/%s", "title": "%s",
                 "detail": "field value %s (card %s) is not allowed", "status": 422}"""
                .formatted(c("email"), c("echo"), c("email"), c("card"));
        Path spoolDir = dir.resolve("spool");
        FakeTime time = new FakeTime(Instant.parse("2026-11-22T10:00:00Z"));
        ShipperStatus status;
        List<Received> shipped;
        try (ScriptedIngest ingest = ScriptedIngest.start();
                Spool spool = Spool.open(spoolDir, SpoolSettings.DEFAULTS);
                Shipper shipper = Shipper.builder(ingest.uri(), () -> CREDENTIAL, spool)
                        .settings(new ShipperSettings(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20)))
                        .clock(time.clock()).sleeper(time).build()) {
            ingest.then(
                    Reply.of(422).body("application/problem+json", problem).header("X-Echo", c("header")),
                    Reply.of(400).body("application/json", "{\"type\":\"" + c("type") + "/" + c("email") + "\"}"),
                    Reply.of(422).body("application/problem+json", "{\"type\":\"about:blank#" + c("echo") + "\"}"),
                    Reply.of(429).header("Retry-After", "3").body("text/plain", c("echo") + " " + c("card")),
                    Reply.of(503).body("text/html", "<p>" + c("email") + "</p>").header("X-Echo", c("header")),
                    Reply.of(307).header("Location", "https://" + c("header") + ".example/" + c("card")),
                    Reply.of(202).body("application/json", "{\"echo\":\"" + c("echo") + "\"}"),
                    Reply.of(401).header("WWW-Authenticate", "Bearer error=\"" + c("echo") + "\"")
                            .body("application/problem+json", "{\"type\":\"x/" + c("type") + "\",\"detail\":\"" + c("card") + "\"}"));
            for (int n = 1; n <= 5; n++) {
                spool.append(Batches.batch(n));
            }
            List<Outcome> outcomes = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                Attempt attempt = shipper.shipOldest();
                outcomes.add(attempt.outcome());
                seen.add(attempt.toString());
                seen.add(shipper.status().toString()); // every state it went through, not only the last
            }
            assertThat(outcomes).containsExactly(Outcome.DEAD_LETTERED, Outcome.DEAD_LETTERED, Outcome.DEAD_LETTERED,
                    Outcome.RETRY_LATER, Outcome.RETRY_LATER, Outcome.RETRY_LATER, Outcome.DELIVERED,
                    Outcome.PAUSED_FOR_CREDENTIAL, Outcome.PAUSED_FOR_CREDENTIAL);

            status = shipper.status();
            shipped = ingest.received();
            seen.addAll(List.of(status.healthCounters().toString(), spool.stats().toString(),
                    spool.deadLetters().toString()));
            assertThat(spool.deadLetters()).extracting(letter -> letter.status()).containsExactly(422, 400, 422);
            assertThat(spool.deadLetters()).allSatisfy(letter -> assertThat(letter.problemType()).isEmpty());
            assertThat(status.lastError()).contains("HTTP 401");
            assertThat(leaks("attempts, status, stats and dead letters", seen)).isEmpty();
            // While open, the write-ahead log sits beside the database: search it too.
            assertThat(leaks("spool files while open", spoolFiles(spoolDir))).isEmpty();
        }

        List<String> files = spoolFiles(spoolDir);
        assertThat(String.join("\n", files)).as("the search reads the spool's files").contains(Batches.id(5));
        assertThat(leaks("spool files after close", files)).isEmpty();
        List<String> stored = storedValues(spoolDir.resolve(Spool.DATABASE_FILE));
        assertThat(stored).as("the search reads every stored value").anySatisfy(v -> assertThat(v).contains("\"schema\""));
        assertThat(leaks("stored values, decompressed", stored)).isEmpty();

        List<String> logText;
        synchronized (logs) {
            logText = List.copyOf(logs);
        }
        assertThat(String.join("\n", logText)).as("the logs were captured").contains(Batches.id(1)).contains("422")
                .contains(Batches.id(5));
        assertThat(leaks("logs", logText)).isEmpty();

        // What was shipped: contract batches only, and the credential only where it belongs.
        PerimeterContract contract = new PerimeterContract();
        ObjectMapper json = new ObjectMapper();
        for (Received request : shipped) {
            assertThat(contract.violations(json.readTree(request.json()))).isEmpty();
            List<String> rest = new ArrayList<>(List.of(request.json()));
            request.headers().forEach((name, values) -> {
                if (!name.equals("authorization")) {
                    rest.add(name + ": " + values);
                }
            });
            assertThat(leaks("request " + request.header("Idempotency-Key"), rest)).isEmpty();
        }
        assertThat(shipped).as("the second pause sent nothing").hasSize(8);
    }

    private static String c(String kind) {
        return CANARIES.get(kind);
    }

    /** Where each canary turns up in {@code texts}, raw, URL-encoded or base64. */
    private static List<String> leaks(String where, List<String> texts) {
        List<String> found = new ArrayList<>();
        for (String text : texts) {
            CANARIES.forEach((kind, canary) -> {
                for (String form : List.of(canary, URLEncoder.encode(canary, UTF_8),
                        Base64.getEncoder().encodeToString(canary.getBytes(UTF_8)),
                        Base64.getUrlEncoder().withoutPadding().encodeToString(canary.getBytes(UTF_8)))) {
                    if (text.contains(form)) {
                        found.add(kind + " in " + where);
                    }
                }
            });
        }
        return found;
    }

    /** Every file of the spool directory, as Latin-1 text (byte for byte) and as UTF-16. */
    private static List<String> spoolFiles(Path spoolDir) throws Exception {
        List<String> texts = new ArrayList<>();
        try (Stream<Path> files = Files.walk(spoolDir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                texts.add(new String(bytes, ISO_8859_1));
                texts.add(new String(bytes, UTF_16LE));
            }
        }
        return texts;
    }

    /** Every value in every table of the spool database, gzipped ones decompressed. */
    private static List<String> storedValues(Path database) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
                Statement statement = db.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("batch", "dead_letter", "counter");
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rows.getObject(i);
                            if (value instanceof byte[] bytes) {
                                values.add(new String(bytes, ISO_8859_1));
                                try {
                                    values.add(Batches.gunzip(bytes));
                                } catch (java.io.UncheckedIOException e) {
                                    if (!(e.getCause() instanceof ZipException)) {
                                        throw e;
                                    }
                                }
                            } else if (value != null) {
                                values.add(value.toString());
                            }
                        }
                    }
                }
            }
        }
        return values;
    }
}
