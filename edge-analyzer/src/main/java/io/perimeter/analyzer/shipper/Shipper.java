package io.perimeter.analyzer.shipper;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.perimeter.analyzer.shipper.Attempt.Outcome;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolException;
import io.perimeter.analyzer.spool.SpooledBatch;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * Sends the spool's batches to the control plane's ingest, oldest first, one per request: {@code POST} of the gzipped
 * batch with the edge credential ({@code Authorization: Bearer …}), {@code Content-Encoding: gzip} and
 * {@code Idempotency-Key: <batchId>}, so that a batch sent twice (a crash between the answer and the acknowledgement)
 * is stored once.
 *
 * <p>What each answer does to the batch:
 * <ul>
 *   <li>2xx, 409 (already stored): acknowledged, it leaves the spool;
 *   <li>400, 413, 422: refused for good, moved to the spool's dead letters with the status and the problem type only;
 *   <li>401, 403: the credential is refused; shipping pauses, the batch stays, until the credential supplier returns a
 *       different credential or {@link #resume()} is called;
 *   <li>429, 503 with {@code Retry-After} (seconds or HTTP-date): waits at least that long (capped at
 *       {@link ShipperSettings#maxRetryAfter()}), plus up to one base backoff so throttled edges spread out;
 *   <li>anything else, and network failures or time-outs: exponential backoff with full jitter.
 * </ul>
 * Nothing is lost on a restart: batches leave the spool only when acknowledged or dead-lettered, so a new shipper on
 * the reopened spool simply carries on.
 *
 * <p>The loop runs on its own thread between {@link #start()} and {@link #close()}; {@link #shipOldest()} makes one
 * attempt on the caller's thread (attempts never overlap). Thread-safe. The shipper does not own the spool: whoever
 * opened it closes it, after the shipper. Logs name batch ids, status codes and exception classes only: never a
 * credential, a body or an exception message.
 */
public final class Shipper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Shipper.class.getName());
    /** What a bearer credential may look like (RFC 6750 token68): nothing that could break the header. */
    private static final Pattern CREDENTIAL = Pattern.compile("[A-Za-z0-9._~+/-]+=*");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final URI ingest;
    private final Supplier<String> credential;
    private final Spool spool;
    private final ShipperSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;

    /** One attempt at a time, whether from the loop or from {@link #shipOldest()}. */
    private final ReentrantLock attempting = new ReentrantLock();
    /** Guards the state below; {@code wake} is signalled by {@link #resume()} and {@link #close()}. */
    private final ReentrantLock state = new ReentrantLock();
    private final Condition wake = state.newCondition();
    private Thread loop;
    private boolean closed;
    private boolean paused;
    private byte[] refusedCredential;
    private long sent;
    private long retries;
    private long deadLettered;
    private int consecutiveFailures;
    private int lastStatus;
    private String lastError;
    private Instant lastErrorAt;
    private Instant lastSentAt;
    private Instant nextAttemptAt;

    private Shipper(Builder builder) {
        this.ingest = builder.ingest;
        this.credential = builder.credential;
        this.spool = builder.spool;
        this.settings = builder.settings;
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
        this.backoff = new Backoff(settings.baseBackoff(), settings.maxBackoff(), builder.random);
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would carry the credential to wherever it points: it is a failure, not a hint.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout());
        if (builder.sslContext != null) {
            http.sslContext(builder.sslContext);
        }
        if (builder.proxy != null) {
            http.proxy(builder.proxy);
        }
        this.http = http.build();
    }

    /**
     * A shipper for {@code ingest} (the full URL of {@code POST /ingest/v1/batches}).
     *
     * @param ingest     an {@code https} URL; plain {@code http} only to a loopback address (tests, local runs)
     * @param credential the edge credential, asked for before every request, so that a rotated credential is used at
     *                   once; null or blank means "none yet" (shipping pauses)
     * @param spool      the spool to drain
     */
    public static Builder builder(URI ingest, Supplier<String> credential, Spool spool) {
        return new Builder(ingest, credential, spool);
    }

    /** Starts the shipping loop on a thread of its own. Idempotent while running. */
    public void start() {
        state.lock();
        try {
            if (closed) {
                throw new IllegalStateException("the shipper is closed");
            }
            if (loop == null) {
                loop = Thread.ofPlatform().name("perimeter-shipper").daemon(true).start(this::run);
            }
        } finally {
            state.unlock();
        }
    }

    /**
     * Makes one attempt now, whatever the backoff schedule says: sends the oldest batch and applies the answer (see
     * the class comment). While paused for the credential, sends nothing unless the credential has changed since it
     * was refused.
     *
     * @throws InterruptedException if the thread is interrupted while the request is under way (the batch stays)
     * @throws SpoolException       if the spool fails or is closed
     */
    public Attempt shipOldest() throws InterruptedException {
        attempting.lockInterruptibly();
        try {
            Credential current = credential();
            if (isPausedFor(current)) {
                return Attempt.of(Outcome.PAUSED_FOR_CREDENTIAL, null, 0);
            }
            Optional<SpooledBatch> next = spool.peekOldest();
            if (next.isEmpty()) {
                return Attempt.idle();
            }
            SpooledBatch batch = next.get();
            if (current.token() == null) {
                return pause(batch.batchId(), 0, current, current.problem());
            }
            HttpResponse<InputStream> response;
            try {
                response = http.send(request(batch, current.token()), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) { // time-outs, refused connections, TLS failures
                return retry(batch.batchId(), 0, e.getClass().getName(), Optional.empty());
            }
            InputStream body = response.body();
            try {
                int status = response.statusCode();
                return switch (IngestVerdict.of(status)) {
                    case STORED -> delivered(batch.batchId(), status);
                    case REJECTED -> deadLetter(batch.batchId(), status, ProblemTypes.read(response.headers(), body));
                    case CREDENTIAL_REFUSED -> pause(batch.batchId(), status, current, "HTTP " + status);
                    case THROTTLED -> retry(batch.batchId(), status, "HTTP " + status,
                            response.headers().firstValue("Retry-After")
                                    .flatMap(value -> RetryAfter.parse(value, clock.instant())));
                    case FAILED -> retry(batch.batchId(), status, "HTTP " + status, Optional.empty());
                };
            } finally {
                discard(body);
            }
        } finally {
            attempting.unlock();
        }
    }

    /** Lifts a pause for the credential: the next attempt sends again. */
    public void resume() {
        state.lock();
        try {
            if (paused) {
                LOG.log(INFO, "shipping resumed on request");
            }
            paused = false;
            refusedCredential = null;
            wake.signalAll();
        } finally {
            state.unlock();
        }
    }

    /** What the shipper has done and is waiting for. */
    public ShipperStatus status() {
        state.lock();
        try {
            return new ShipperStatus(loop != null && loop.isAlive(), paused, sent, retries, deadLettered,
                    consecutiveFailures, lastStatus, Optional.ofNullable(lastError), Optional.ofNullable(lastErrorAt),
                    Optional.ofNullable(lastSentAt), Optional.ofNullable(nextAttemptAt));
        } finally {
            state.unlock();
        }
    }

    /**
     * Stops the loop (interrupting a request or a wait under way: its batch stays in the spool) and releases the HTTP
     * client. Does not close the spool. Idempotent.
     */
    @Override
    public void close() {
        Thread running;
        state.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = loop;
            wake.signalAll();
        } finally {
            state.unlock();
        }
        if (running != null) {
            running.interrupt();
            try {
                if (!running.join(STOP_WAIT)) {
                    LOG.log(WARNING, "the shipping loop did not stop within {0} s", STOP_WAIT.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        http.shutdownNow();
    }

    // ---- the loop ----

    private void run() {
        LOG.log(INFO, "shipper started: {0}", ingest);
        try {
            while (!isClosed()) {
                try {
                    Attempt attempt = shipOldest();
                    switch (attempt.outcome()) {
                        case IDLE -> spool.awaitBatch(settings.idlePoll());
                        case RETRY_LATER -> sleeper.sleep(attempt.delay());
                        case PAUSED_FOR_CREDENTIAL -> awaitWake(settings.idlePoll());
                        case DELIVERED, DEAD_LETTERED -> { }
                    }
                } catch (SpoolException e) {
                    if (!spool.isOpen()) {
                        LOG.log(WARNING, "the spool was closed: the shipping loop stops");
                        return;
                    }
                    sleeper.sleep(failed(e.getClass().getName()));
                } catch (RuntimeException e) {
                    sleeper.sleep(failed(e.getClass().getName()));
                }
            }
        } catch (InterruptedException e) {
            // close(): the batch under way, if any, stays in the spool
        } finally {
            state.lock();
            try {
                nextAttemptAt = null;
            } finally {
                state.unlock();
            }
            LOG.log(INFO, "shipper stopped");
        }
    }

    /** A failure of the edge itself (the spool, a bug): counted like a network failure, waited out the same way. */
    private Duration failed(String error) {
        state.lock();
        try {
            consecutiveFailures++;
            Duration wait = backoff.delay(consecutiveFailures);
            noteError(error, clock.instant(), wait);
            LOG.log(WARNING, "shipping failed on the edge ({0}); next attempt in {1,number,#} ms", error, wait.toMillis());
            return wait;
        } finally {
            state.unlock();
        }
    }

    private void awaitWake(Duration timeout) throws InterruptedException {
        state.lockInterruptibly();
        try {
            if (!closed && paused) {
                wake.awaitNanos(timeout.toNanos());
            }
        } finally {
            state.unlock();
        }
    }

    private boolean isClosed() {
        state.lock();
        try {
            return closed;
        } finally {
            state.unlock();
        }
    }

    // ---- one attempt ----

    private HttpRequest request(SpooledBatch batch, String token) {
        return HttpRequest.newBuilder(ingest)
                .timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .header("Idempotency-Key", batch.batchId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(batch.gzipped()))
                .build();
    }

    private Attempt delivered(String batchId, int status) {
        spool.acknowledge(batchId);
        state.lock();
        try {
            sent++;
            consecutiveFailures = 0;
            lastStatus = status;
            lastSentAt = clock.instant();
            nextAttemptAt = null;
        } finally {
            state.unlock();
        }
        LOG.log(DEBUG, "batch {0} delivered (HTTP {1,number,#})", batchId, status);
        return Attempt.of(Outcome.DELIVERED, batchId, status);
    }

    private Attempt deadLetter(String batchId, int status, Optional<String> problemType) {
        spool.deadLetter(batchId, status, problemType); // the spool logs it, with the status and the problem type
        state.lock();
        try {
            deadLettered++;
            consecutiveFailures = 0;
            lastStatus = status;
            noteError("HTTP " + status, clock.instant(), null);
        } finally {
            state.unlock();
        }
        return Attempt.of(Outcome.DEAD_LETTERED, batchId, status);
    }

    private Attempt pause(String batchId, int status, Credential refused, String error) {
        state.lock();
        try {
            paused = true;
            refusedCredential = refused.fingerprint();
            if (status != 0) {
                lastStatus = status;
            }
            noteError(error, clock.instant(), null);
        } finally {
            state.unlock();
        }
        LOG.log(ERROR, "shipping paused: the edge credential was {0} ({1}); batch {2} and those after it stay spooled "
                + "until the credential changes", status == 0 ? "not usable" : "refused", error, batchId);
        return Attempt.of(Outcome.PAUSED_FOR_CREDENTIAL, batchId, status);
    }

    private Attempt retry(String batchId, int status, String error, Optional<Duration> retryAfter) {
        Duration wait;
        state.lock();
        try {
            retries++;
            if (status != 0) {
                lastStatus = status;
            }
            if (retryAfter.isPresent() && retryAfter.get().isPositive()) {
                Duration told = retryAfter.get().compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter()
                        : retryAfter.get();
                wait = told.plus(backoff.spread());
            } else {
                consecutiveFailures++;
                wait = backoff.delay(consecutiveFailures);
            }
            noteError(error, clock.instant(), wait);
        } finally {
            state.unlock();
        }
        LOG.log(WARNING, "batch {0} not taken ({1}); retry {2,number,#} in {3,number,#} ms", batchId, error, retries, wait.toMillis());
        return new Attempt(Outcome.RETRY_LATER, Optional.of(batchId), status, wait);
    }

    private static void discard(InputStream body) {
        try {
            body.close(); // the rest of the answer is not read: nothing in it is needed
        } catch (IOException e) {
            // the connection is dropped then, which is all closing is for
        }
    }

    /** Call with {@code state} held. */
    private void noteError(String error, Instant at, Duration wait) {
        lastError = error;
        lastErrorAt = at;
        nextAttemptAt = wait == null ? null : at.plus(wait);
    }

    // ---- the credential ----

    /** The credential as supplied: a usable token, or none and why. Only a fingerprint of it is ever kept. */
    private record Credential(String token, String problem, byte[] fingerprint) {}

    private Credential credential() {
        String raw;
        try {
            raw = credential.get();
        } catch (RuntimeException e) {
            return new Credential(null, "credential-unavailable", fingerprint("\0" + e.getClass().getName()));
        }
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return new Credential(null, "credential-missing", fingerprint(""));
        }
        if (!CREDENTIAL.matcher(value).matches()) {
            return new Credential(null, "credential-malformed", fingerprint(value));
        }
        return new Credential(value, null, fingerprint(value));
    }

    /** Whether shipping is paused and stays so: the credential is the one refused, or still none. */
    private boolean isPausedFor(Credential current) {
        state.lock();
        try {
            if (!paused) {
                return false;
            }
            if (Arrays.equals(refusedCredential, current.fingerprint())) {
                return true;
            }
            paused = false;
            refusedCredential = null;
        } finally {
            state.unlock();
        }
        LOG.log(INFO, "the edge credential changed: shipping resumes");
        return false;
    }

    private static byte[] fingerprint(String credential) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(credential.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Builds a {@link Shipper}; everything but the ingest, the credential and the spool has a default. */
    public static final class Builder {
        private final URI ingest;
        private final Supplier<String> credential;
        private final Spool spool;
        private ShipperSettings settings = ShipperSettings.DEFAULTS;
        private SSLContext sslContext;
        private ProxySelector proxy;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private RandomGenerator random = RandomGenerator.getDefault();

        private Builder(URI ingest, Supplier<String> credential, Spool spool) {
            this.ingest = checkIngest(Objects.requireNonNull(ingest, "ingest"));
            this.credential = Objects.requireNonNull(credential, "credential");
            this.spool = Objects.requireNonNull(spool, "spool");
        }

        public Builder settings(ShipperSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The TLS context to trust the control plane with, for a private CA; the JDK's default otherwise. */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /** An outbound proxy, as many on-premises networks require; direct connections otherwise. */
        public Builder proxy(ProxySelector proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /** The clock for {@code Retry-After} dates and the status's times. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How the loop waits between attempts. */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /** The source of jitter. */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        public Shipper build() {
            return new Shipper(this);
        }

        private static URI checkIngest(URI ingest) {
            String scheme = ingest.getScheme() == null ? "" : ingest.getScheme().toLowerCase(Locale.ROOT);
            String host = ingest.getHost();
            if (host == null || ingest.getUserInfo() != null) {
                throw new IllegalArgumentException("the ingest URL needs a host and no user info: " + ingest);
            }
            boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
            if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
                throw new IllegalArgumentException(
                        "the ingest URL must be https (plain http only to a loopback address): " + ingest);
            }
            return ingest;
        }
    }
}
