package io.perimeter.analyzer.shipper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.shipper.Attempt.Outcome;
import io.perimeter.analyzer.shipper.ScriptedIngest.Received;
import io.perimeter.analyzer.shipper.ScriptedIngest.Reply;
import io.perimeter.analyzer.spool.Batches;
import io.perimeter.analyzer.spool.DeadLetter;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolSettings;
import io.perimeter.contract.PerimeterContract;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShipperTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final String CREDENTIAL = "edge-credential-0123456789abcdef";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ShipperSettings SETTINGS = new ShipperSettings(Duration.ofMillis(100), Duration.ofSeconds(10),
            Duration.ofSeconds(20), Duration.ofMillis(200), Duration.ofHours(1));

    @TempDir
    Path dir;

    private ScriptedIngest ingest;
    private Spool spool;
    private final FakeTime time = new FakeTime(T0);
    private final AtomicReference<String> credential = new AtomicReference<>(CREDENTIAL);
    private final List<Shipper> shippers = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        ingest = ScriptedIngest.start();
        spool = Spool.open(dir.resolve("spool"), SpoolSettings.DEFAULTS);
    }

    @AfterEach
    void stop() {
        shippers.forEach(Shipper::close);
        spool.close();
        ingest.close();
    }

    private Shipper shipper() {
        return shipper(new SplittableRandom(7));
    }

    private Shipper shipper(RandomGenerator random) {
        Shipper shipper = Shipper.builder(ingest.uri(), credential::get, spool).settings(SETTINGS).clock(time.clock())
                .sleeper(time).random(random).build();
        shippers.add(shipper);
        return shipper;
    }

    @Test
    void aBatchGoesGzippedWithTheCredentialAndItsIdAsIdempotencyKey() throws Exception {
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();

        Attempt attempt = shipper.shipOldest();

        assertThat(attempt.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(attempt.status()).isEqualTo(202);
        Received request = ingest.received().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/ingest/v1/batches");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + CREDENTIAL);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(request.header("Idempotency-Key")).isEqualTo(Batches.id(1));
        assertThat(request.json()).isEqualTo(Batches.batch(1).toString());
        assertThat(new PerimeterContract().violations(new ObjectMapper().readTree(request.json()))).isEmpty();
        assertThat(spool.stats().queuedBatches()).isZero();
        assertThat(spool.stats().acknowledged()).isEqualTo(1);
        assertThat(shipper.status().sent()).isEqualTo(1);
        assertThat(shipper.status().lastSentAt()).contains(T0);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.IDLE);
    }

    @Test
    void alreadyStoredCountsAsDone() throws Exception {
        ingest.then(Reply.of(409), Reply.of(200));
        spool.append(Batches.id(1), Batches.gzipped(1));
        spool.append(Batches.id(2), Batches.gzipped(2));
        Shipper shipper = shipper();

        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);

        assertThat(spool.stats().acknowledged()).isEqualTo(2);
        assertThat(shipper.status().sent()).isEqualTo(2);
        assertThat(shipper.status().retries()).isZero();
    }

    @Test
    void retryAfterInSecondsIsWaitedAtLeast() throws Exception {
        ingest.then(Reply.of(429).header("Retry-After", "7"));
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();

        Attempt throttled = shipper.shipOldest();

        assertThat(throttled.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.delay()).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(7).plus(SETTINGS.baseBackoff()));
        assertThat(shipper.status().nextAttemptAt()).contains(T0.plus(throttled.delay()));
        assertThat(shipper.status().lastError()).contains("HTTP 429");
        assertThat(spool.stats().queuedBatches()).as("the batch stays").isEqualTo(1);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(ingest.received()).extracting(r -> r.header("Idempotency-Key")).containsExactly(Batches.id(1), Batches.id(1));
    }

    @Test
    void retryAfterAsAnHttpDateIsWaitedAtLeastUntilThen() throws Exception {
        Instant until = T0.plusSeconds(120);
        ingest.then(Reply.of(503).header("Retry-After",
                DateTimeFormatter.RFC_1123_DATE_TIME.format(until.atZone(ZoneOffset.UTC))));
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();
        shipper.start();

        ingest.next(WAIT);
        ingest.next(WAIT); // the second request comes after the loop has slept

        assertThat(time.sleeps()).hasSize(1);
        assertThat(time.sleeps().getFirst()).isGreaterThanOrEqualTo(Duration.ofSeconds(120))
                .isLessThanOrEqualTo(Duration.ofSeconds(120).plus(SETTINGS.baseBackoff()));
        awaitStatus(shipper, s -> s.sent() == 1);
        assertThat(shipper.status().retries()).isEqualTo(1);
        assertThat(spool.stats().queuedBatches()).isZero();
    }

    @Test
    void aRetryAfterBeyondTheCapIsCut() throws Exception {
        ingest.then(Reply.of(429).header("Retry-After", "86400"));
        spool.append(Batches.id(1), Batches.gzipped(1));

        Attempt throttled = shipper().shipOldest();

        assertThat(throttled.delay()).isBetween(SETTINGS.maxRetryAfter(), SETTINGS.maxRetryAfter().plus(SETTINGS.baseBackoff()));
    }

    @Test
    void serverErrorsBackOffExponentiallyWithBoundedJitter() throws Exception {
        ingest.then(Reply.of(503), Reply.of(500), Reply.of(502), Reply.of(504), Reply.of(503), Reply.of(500),
                Reply.of(503), Reply.of(503), Reply.of(503));
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper(new SplittableRandom(42));
        Backoff backoff = new Backoff(SETTINGS.baseBackoff(), SETTINGS.maxBackoff(), new SplittableRandom(0));

        List<Duration> delays = new ArrayList<>();
        for (int failure = 1; failure <= 9; failure++) {
            Attempt attempt = shipper.shipOldest();
            assertThat(attempt.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(attempt.delay()).as("failure %d", failure).isBetween(Duration.ZERO, backoff.ceiling(failure));
            assertThat(shipper.status().consecutiveFailures()).isEqualTo(failure);
            delays.add(attempt.delay());
        }
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);

        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.ceiling(4)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.ceiling(9)).as("capped").isEqualTo(SETTINGS.maxBackoff());
        assertThat(delays.stream().distinct()).as("jittered").hasSizeGreaterThan(5);
        assertThat(delays.subList(6, 9)).as("the later waits draw from a larger range")
                .anySatisfy(d -> assertThat(d).isGreaterThan(backoff.ceiling(3)));
        assertThat(shipper.status().retries()).isEqualTo(9);
        assertThat(shipper.status().consecutiveFailures()).isZero();
    }

    @Test
    void theBackoffCeilingDoublesWhenJitterDrawsItsMaximum() throws Exception {
        ingest.then(Reply.of(503), Reply.of(503), Reply.of(503), Reply.of(503));
        spool.append(Batches.id(1), Batches.gzipped(1));
        RandomGenerator top = new RandomGenerator() {
            @Override
            public long nextLong() {
                return -1L;
            }

            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };
        Shipper shipper = shipper(top);
        shipper.start();

        awaitEmpty();

        assertThat(time.sleeps()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
                Duration.ofMillis(800));
    }

    @Test
    void networkFailuresAreRetriedAndNamedByClass() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = Shipper.builder(URI.create("http://127.0.0.1:" + closedPort + "/ingest/v1/batches"),
                credential::get, spool).settings(SETTINGS).clock(time.clock()).sleeper(time).build();
        shippers.add(shipper);

        Attempt attempt = shipper.shipOldest();

        assertThat(attempt.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(attempt.status()).isZero();
        assertThat(shipper.status().lastError()).contains("java.net.ConnectException");
        assertThat(shipper.status().consecutiveFailures()).isEqualTo(1);
        assertThat(spool.stats().queuedBatches()).isEqualTo(1);
    }

    @Test
    void aConnectionDroppedWithoutAnswerIsRetried() throws Exception {
        ingest.then(Reply.hangUpWithoutAnswer());
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();

        Attempt attempt = shipper.shipOldest();

        assertThat(attempt.outcome()).isEqualTo(Outcome.RETRY_LATER);
        assertThat(shipper.status().lastError()).hasValueSatisfying(error -> assertThat(error).startsWith("java."));
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void aRefusedBatchIsDeadLetteredAndTheNextOneGoes() throws Exception {
        ingest.then(Reply.of(422).body("application/problem+json",
                "{\"type\":\"https://perimeter.example/problems/schema-violation\",\"title\":\"Unprocessable\"}"));
        spool.append(Batches.id(1), Batches.gzipped(1));
        spool.append(Batches.id(2), Batches.gzipped(2));
        Shipper shipper = shipper();
        shipper.start();

        awaitEmpty();

        assertThat(ingest.received()).extracting(r -> r.header("Idempotency-Key")).containsExactly(Batches.id(1), Batches.id(2));
        List<DeadLetter> letters = spool.deadLetters();
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.batchId()).isEqualTo(Batches.id(1));
            assertThat(letter.status()).isEqualTo(422);
            assertThat(letter.problemType()).contains("schema-violation");
        });
        assertThat(spool.stats().deadLettered()).isEqualTo(1);
        assertThat(shipper.status().deadLettered()).isEqualTo(1);
        assertThat(time.sleeps()).as("no backoff for a refusal").isEmpty();
    }

    @Test
    void tooLargeAndBadRequestAreDeadLetteredToo() throws Exception {
        ingest.then(Reply.of(413), Reply.of(400).body("text/plain", "bad"));
        spool.append(Batches.id(1), Batches.gzipped(1));
        spool.append(Batches.id(2), Batches.gzipped(2));
        Shipper shipper = shipper();

        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DEAD_LETTERED);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DEAD_LETTERED);

        assertThat(spool.deadLetters()).extracting(DeadLetter::status).containsExactly(413, 400);
        assertThat(spool.deadLetters()).allSatisfy(letter -> assertThat(letter.problemType()).isEmpty());
    }

    @Test
    void aRefusedCredentialPausesShippingAndKeepsTheBatchUntilItChanges() throws Exception {
        ingest.then(Reply.of(401));
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();
        shipper.start();

        ingest.next(WAIT);
        awaitStatus(shipper, s -> s.pausedForCredential());
        ShipperStatus paused = shipper.status();
        assertThat(paused.lastStatus()).isEqualTo(401);
        assertThat(paused.lastError()).contains("HTTP 401");
        assertThat(paused.healthCounters()).containsEntry("shipper_paused_for_credential", 1L);
        assertThat(spool.stats().queuedBatches()).isEqualTo(1);
        assertThat(shipper.shipOldest().outcome()).as("the same credential is not tried again")
                .isEqualTo(Outcome.PAUSED_FOR_CREDENTIAL);
        assertThat(ingest.received()).hasSize(1);

        credential.set("edge-credential-rotated-42");

        Received retried = ingest.next(WAIT);
        assertThat(retried.header("Authorization")).isEqualTo("Bearer edge-credential-rotated-42");
        awaitStatus(shipper, s -> s.sent() == 1);
        assertThat(shipper.status().pausedForCredential()).isFalse();
        assertThat(spool.stats().queuedBatches()).isZero();
    }

    @Test
    void aForbiddenCredentialPausesUntilResumed() throws Exception {
        ingest.then(Reply.of(403));
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();

        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.PAUSED_FOR_CREDENTIAL);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.PAUSED_FOR_CREDENTIAL);
        shipper.resume();
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(ingest.received()).hasSize(2);
    }

    @Test
    void noCredentialYetMeansNothingIsSent() throws Exception {
        credential.set(null);
        spool.append(Batches.id(1), Batches.gzipped(1));
        Shipper shipper = shipper();

        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.PAUSED_FOR_CREDENTIAL);
        assertThat(shipper.status().lastError()).contains("credential-missing");
        credential.set("bad credential\r\nX-Injected: 1");
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.PAUSED_FOR_CREDENTIAL);
        assertThat(shipper.status().lastError()).contains("credential-malformed");
        assertThat(ingest.received()).isEmpty();

        credential.set(CREDENTIAL);
        assertThat(shipper.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        try (ScriptedIngest elsewhere = ScriptedIngest.start()) {
            ingest.then(Reply.of(307).header("Location", elsewhere.uri().toString()));
            spool.append(Batches.id(1), Batches.gzipped(1));

            Attempt attempt = shipper().shipOldest();

            assertThat(attempt.outcome()).isEqualTo(Outcome.RETRY_LATER);
            assertThat(attempt.status()).isEqualTo(307);
            assertThat(elsewhere.received()).as("the credential went nowhere else").isEmpty();
        }
    }

    @Test
    void aRestartedShipperCarriesOnWhereTheLastOneStopped() throws Exception {
        for (int n = 1; n <= 4; n++) {
            spool.append(Batches.id(n), Batches.gzipped(n));
        }
        Shipper first = shipper();
        assertThat(first.shipOldest().outcome()).isEqualTo(Outcome.DELIVERED);
        first.close();
        spool.close();

        spool = Spool.open(dir.resolve("spool"), SpoolSettings.DEFAULTS);
        Shipper second = shipper();
        second.start();
        awaitEmpty();

        assertThat(ingest.received()).extracting(r -> r.header("Idempotency-Key"))
                .containsExactly(Batches.id(1), Batches.id(2), Batches.id(3), Batches.id(4));
        assertThat(spool.stats().acknowledged()).isEqualTo(4);
    }

    @Test
    void theLoopShipsWhatIsAppendedLater() throws Exception {
        Shipper shipper = shipper();
        shipper.start();
        awaitStatus(shipper, ShipperStatus::running);

        spool.append(Batches.id(1), Batches.gzipped(1));
        assertThat(ingest.next(WAIT).header("Idempotency-Key")).isEqualTo(Batches.id(1));
        spool.append(Batches.id(2), Batches.gzipped(2));
        assertThat(ingest.next(WAIT).header("Idempotency-Key")).isEqualTo(Batches.id(2));
        awaitEmpty();

        shipper.close();
        assertThat(shipper.status().running()).isFalse();
        assertThatThrownBy(shipper::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyHttpsLeavesTheHost() {
        assertThatThrownBy(() -> Shipper.builder(URI.create("http://ingest.perimeter.example/ingest/v1/batches"),
                credential::get, spool)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
        assertThat(Shipper.builder(URI.create("https://ingest.perimeter.example/ingest/v1/batches"), credential::get, spool)
                .build()).satisfies(shippers::add);
    }

    private void awaitEmpty() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (spool.stats().queuedBatches() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the spool was not drained within " + WAIT + ": " + spool.stats());
            }
            Thread.sleep(10);
        }
    }

    private static void awaitStatus(Shipper shipper, java.util.function.Predicate<ShipperStatus> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.test(shipper.status())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("status not reached within " + WAIT + ": " + shipper.status());
            }
            Thread.sleep(10);
        }
    }
}
