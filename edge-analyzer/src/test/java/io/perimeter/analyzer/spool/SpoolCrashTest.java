package io.perimeter.analyzer.spool;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability against {@code kill -9}: a child JVM appends as fast as it can and reports each append that returned;
 * it is killed (SIGKILL) in the middle of that, twice, and every append it reported must be in the spool afterwards,
 * in order, with counters that agree, and SQLite's integrity check must pass.
 */
class SpoolCrashTest {
    private static final int CONFIRMED_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    void everyReturnedAppendSurvivesKillMinus9() throws Exception {
        Path spoolDir = dir.resolve("spool");
        Set<String> confirmed = new LinkedHashSet<>();
        confirmed.addAll(appendUntilKilled(spoolDir, 0));
        confirmed.addAll(appendUntilKilled(spoolDir, 1_000_000)); // the second child opens the spool the first left

        try (Spool spool = Spool.open(spoolDir, new SpoolSettings(1L << 30, 10_000_000))) {
            assertThat(spool.integrityCheck()).containsExactly("ok");
            SpoolStats stats = spool.stats();
            List<String> stored = new ArrayList<>();
            long bytes = 0;
            for (Optional<SpooledBatch> next = spool.peekOldest(); next.isPresent(); next = spool.peekOldest()) {
                SpooledBatch batch = next.get();
                assertThat(Batches.gunzip(batch.gzipped())).as("batch %s is whole", batch.batchId())
                        .startsWith("{\"batchId\":\"" + batch.batchId() + "\"");
                stored.add(batch.batchId());
                bytes += batch.gzipped().length;
                spool.acknowledge(batch.batchId());
            }
            assertThat(stored).containsAll(confirmed);
            // At most the one append under way in each child may have committed without being reported.
            assertThat(stored.size()).isBetween(confirmed.size(), confirmed.size() + 2);
            assertThat(stored).as("oldest first").isSortedAccordingTo(String::compareTo);
            assertThat(stats.appended()).as("counters are committed with the batches").isEqualTo(stored.size());
            assertThat(stats.queuedBatches()).isEqualTo(stored.size());
            assertThat(stats.queuedBytes()).isEqualTo(bytes);
        }
    }

    /** Runs a child that appends from id {@code first} on, kills it after enough confirmations, returns them. */
    private List<String> appendUntilKilled(Path spoolDir, long first) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path stderr = dir.resolve("child-" + first + ".err");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(), spoolDir.toString(),
                Long.toString(first))
                .redirectError(stderr.toFile())
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = Thread.ofPlatform().daemon(true).start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the child died: the lines read so far are what it confirmed
            }
            lines.add("<eof>");
        });
        List<String> confirmed = new ArrayList<>();
        try {
            while (confirmed.size() < CONFIRMED_BEFORE_KILL) {
                String line = lines.poll(120, TimeUnit.SECONDS);
                if (line == null || line.equals("<eof>")) {
                    fail("the child stopped appending after %d batches; its stderr:%n%s", confirmed.size(),
                            Files.readString(stderr));
                }
                if (!line.equals("open")) {
                    confirmed.add(line);
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no close()
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        reader.join(TimeUnit.SECONDS.toMillis(30));
        // Lines printed between the count being reached and the kill were confirmed too; a partial last line
        // (no newline before the kill) is not, and cannot match an id.
        for (String line = lines.poll(); line != null; line = lines.poll()) {
            if (Spool.BATCH_ID.matcher(line).matches()) {
                confirmed.add(line);
            }
        }
        return confirmed;
    }
}
