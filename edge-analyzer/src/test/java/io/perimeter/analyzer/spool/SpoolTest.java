package io.perimeter.analyzer.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {
    @TempDir
    Path dir;

    @Test
    void batchesComeOutOldestFirstAsTheyWentIn() {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            for (int n = 1; n <= 3; n++) {
                assertThat(spool.append(Batches.id(n), Batches.gzipped(n))).isEqualTo(AppendResult.SPOOLED);
            }
            List<String> order = new ArrayList<>();
            for (Optional<SpooledBatch> next = spool.peekOldest(); next.isPresent(); next = spool.peekOldest()) {
                order.add(next.get().batchId());
                assertThat(Batches.gunzip(next.get().gzipped())).isEqualTo(Batches.batch(order.size()).toString());
                assertThat(spool.acknowledge(next.get().batchId())).isTrue();
            }
            assertThat(order).containsExactly(Batches.id(1), Batches.id(2), Batches.id(3));
            SpoolStats stats = spool.stats();
            assertThat(stats.queuedBatches()).isZero();
            assertThat(stats.queuedBytes()).isZero();
            assertThat(stats.appended()).isEqualTo(3);
            assertThat(stats.acknowledged()).isEqualTo(3);
            assertThat(stats.lost()).isZero();
        }
    }

    @Test
    void anObjectNodeIsGzippedUnderItsBatchId() {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            assertThat(spool.append(Batches.batch(7))).isEqualTo(AppendResult.SPOOLED);
            SpooledBatch batch = spool.peekOldest().orElseThrow();
            assertThat(batch.batchId()).isEqualTo(Batches.id(7));
            assertThat(Batches.gunzip(batch.gzipped())).isEqualTo(Batches.batch(7).toString());
        }
    }

    @Test
    void appendIsIdempotentOnTheBatchId() {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            spool.append(Batches.id(1), Batches.gzipped(1));
            assertThat(spool.append(Batches.id(1), Batches.gzipped(99))).isEqualTo(AppendResult.DUPLICATE);
            spool.deadLetter(Batches.id(1), 422);
            assertThat(spool.append(Batches.id(1), Batches.gzipped(1))).isEqualTo(AppendResult.DUPLICATE);
            assertThat(spool.stats().duplicates()).isEqualTo(2);
            assertThat(spool.stats().queuedBatches()).isZero();
        }
    }

    @Test
    void aFullSpoolEvictsTheOldestAndCountsIt() {
        try (Spool spool = Spool.open(dir, new SpoolSettings(1L << 20, 3))) {
            for (int n = 1; n <= 5; n++) {
                spool.append(Batches.id(n), Batches.gzipped(n));
            }
            SpoolStats stats = spool.stats();
            assertThat(stats.queuedBatches()).isEqualTo(3);
            assertThat(stats.evictedBatches()).isEqualTo(2);
            assertThat(stats.evictedBytes()).isEqualTo(Batches.gzipped(1).length + Batches.gzipped(2).length);
            assertThat(stats.appended()).isEqualTo(5);
            assertThat(stats.healthCounters()).containsEntry("spool_evicted_batches", 2L);
            assertThat(spool.peekOldest().orElseThrow().batchId()).isEqualTo(Batches.id(3));
        }
    }

    @Test
    void theByteBoundEvictsAsManyAsNeeded() {
        long bound = 10;
        for (int n = 1; n <= 3; n++) {
            bound += Batches.padded(n, 4000).length;
        }
        try (Spool spool = Spool.open(dir, new SpoolSettings(bound, 1000))) {
            for (int n = 1; n <= 3; n++) {
                spool.append(Batches.id(n), Batches.padded(n, 4000));
            }
            assertThat(spool.stats().evictedBatches()).isZero();
            spool.append(Batches.id(4), Batches.padded(4, 7000)); // needs the room of two
            SpoolStats stats = spool.stats();
            assertThat(stats.evictedBatches()).isEqualTo(2);
            assertThat(stats.queuedBytes()).isLessThanOrEqualTo(bound);
            assertThat(spool.peekOldest().orElseThrow().batchId()).isEqualTo(Batches.id(3));
        }
    }

    @Test
    void aBatchLargerThanTheWholeSpoolIsRefusedAndCounted() {
        byte[] big = Batches.padded(1, 10_000);
        try (Spool spool = Spool.open(dir, new SpoolSettings(big.length - 1, 10))) {
            spool.append(Batches.id(2), Batches.gzipped(2));
            assertThat(spool.append(Batches.id(1), big)).isEqualTo(AppendResult.TOO_LARGE);
            SpoolStats stats = spool.stats();
            assertThat(stats.refusedTooLarge()).isEqualTo(1);
            assertThat(stats.lost()).isEqualTo(1);
            assertThat(stats.queuedBatches()).as("nothing evicted for a batch that cannot fit").isEqualTo(1);
        }
    }

    @Test
    void batchesAndCountersSurviveARestartAndLowerBoundsEvictAtOpen() {
        try (Spool spool = Spool.open(dir, new SpoolSettings(1L << 20, 4))) {
            for (int n = 1; n <= 6; n++) {
                spool.append(Batches.id(n), Batches.gzipped(n));
            }
            spool.acknowledge(Batches.id(3));
        }
        try (Spool spool = Spool.open(dir, new SpoolSettings(1L << 20, 2))) {
            SpoolStats stats = spool.stats();
            assertThat(stats.appended()).isEqualTo(6);
            assertThat(stats.acknowledged()).isEqualTo(1);
            assertThat(stats.evictedBatches()).as("2 when full, 1 more for the lower bound").isEqualTo(3);
            assertThat(stats.queuedBatches()).isEqualTo(2);
            assertThat(spool.peekOldest().orElseThrow().batchId()).isEqualTo(Batches.id(5));
        }
    }

    @Test
    void deadLettersKeepTheStatusAndProblemTypeOnlyAndAreBounded() {
        try (Spool spool = Spool.open(dir, new SpoolSettings(1L << 20, 100, 2))) {
            for (int n = 1; n <= 4; n++) {
                spool.append(Batches.id(n), Batches.gzipped(n));
            }
            assertThat(spool.deadLetter(Batches.id(1), 422, Optional.of("schema-violation"))).isTrue();
            assertThat(spool.deadLetter(Batches.id(2), 413)).isTrue();
            assertThat(spool.deadLetter(Batches.id(3), 400)).isTrue();
            assertThat(spool.deadLetter(Batches.id(3), 400)).as("no longer queued").isFalse();
            assertThatThrownBy(() -> spool.deadLetter(Batches.id(4), 422, Optional.of("Value Of alice@example.test")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("alice");

            assertThat(spool.deadLetters()).extracting(DeadLetter::batchId, DeadLetter::status, DeadLetter::problemType)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Batches.id(2), 413, Optional.empty()),
                            org.assertj.core.groups.Tuple.tuple(Batches.id(3), 400, Optional.empty()));
            SpoolStats stats = spool.stats();
            assertThat(stats.deadLettered()).isEqualTo(3);
            assertThat(stats.deadLettersDropped()).isEqualTo(1);
            assertThat(stats.deadLetters()).isEqualTo(2);
            assertThat(stats.queuedBatches()).isEqualTo(1);
        }
    }

    @Test
    void aSecondSpoolOnTheSameDirectoryIsRefused() {
        try (Spool _ = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            assertThatThrownBy(() -> Spool.open(dir, SpoolSettings.DEFAULTS)).isInstanceOf(SpoolException.class)
                    .hasMessageContaining("in use");
        }
        try (Spool reopened = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            assertThat(reopened.isOpen()).isTrue();
        }
    }

    @Test
    void onlyBatchIdsAndGzipAreTaken() {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            assertThatThrownBy(() -> spool.append("alice@example.test", Batches.gzipped(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("alice");
            assertThatThrownBy(() -> spool.append(Batches.id(0xabcdef).toUpperCase(), Batches.gzipped(1)))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> spool.append(Batches.id(1), "{\"batchId\":\"x\"}".getBytes()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gzip");
            assertThat(spool.stats().appended()).isZero();
        }
    }

    @Test
    void theDirectoryHoldsTheDatabaseAndTheLockOnlyAndIsTheOwnersAlone() throws Exception {
        Path spoolDir = dir.resolve("spool");
        try (Spool spool = Spool.open(spoolDir, SpoolSettings.DEFAULTS)) {
            spool.append(Batches.id(1), Batches.gzipped(1));
            assertThat(spool.integrityCheck()).containsExactly("ok");
        }
        try (Stream<Path> files = Files.list(spoolDir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("closed cleanly: the log is checkpointed and removed")
                    .containsExactlyInAnyOrder(Spool.DATABASE_FILE, Spool.LOCK_FILE);
        }
        if (Files.getFileStore(spoolDir).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(spoolDir))).isEqualTo("rwx------");
        }
    }

    @Test
    void awaitBatchWakesOnAppendAndOnClose() throws Exception {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            assertThat(spool.awaitBatch(Duration.ofMillis(1))).isFalse();
            CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return spool.awaitBatch(Duration.ofMinutes(1));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            spool.append(Batches.id(1), Batches.gzipped(1));
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
        }
        Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS);
        spool.acknowledge(Batches.id(1));
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return spool.awaitBatch(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        spool.close();
        assertThat(waiting.get(30, TimeUnit.SECONDS)).isFalse();
        assertThatThrownBy(spool::peekOldest).isInstanceOf(SpoolException.class).hasMessageContaining("closed");
    }

    @Test
    void appendsFromManyThreadsAreAllKept() throws Exception {
        try (Spool spool = Spool.open(dir, SpoolSettings.DEFAULTS)) {
            List<CompletableFuture<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < 50; i++) {
                        long n = thread * 1000L + i;
                        spool.append(Batches.id(n), Batches.gzipped(n));
                    }
                }));
            }
            CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(spool.stats().queuedBatches()).isEqualTo(200);
            assertThat(spool.stats().appended()).isEqualTo(200);
        }
    }
}
