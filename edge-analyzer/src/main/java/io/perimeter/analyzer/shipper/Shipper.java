package io.perimeter.analyzer.shipper;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolException;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
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
 *
 * <p>Inside: {@code IngestExchange} makes each attempt and applies the answer, {@code ShippingState} keeps the pause,
 * the counters and the schedule, {@code EdgeCredential} reads the credential; this class runs the loop and its waits.
 */
public final class Shipper implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Shipper.class.getName());
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final URI ingest;
    private final Spool spool;
    private final ShipperSettings settings;
    private final Sleeper sleeper;
    private final ShippingState state;
    private final IngestExchange exchange;
    /** One attempt at a time, whether from the loop or from {@link #shipOldest()}. */
    private final ReentrantLock attempting = new ReentrantLock();

    private Shipper(Builder builder) {
        this.ingest = builder.ingest;
        this.spool = builder.spool;
        this.settings = builder.settings;
        this.sleeper = builder.sleeper;
        this.state = new ShippingState(builder.clock,
                new Backoff(settings.baseBackoff(), settings.maxBackoff(), builder.random), settings.maxRetryAfter());
        this.exchange = new IngestExchange(ingest, builder.credential, spool, settings,
                IngestExchange.client(settings, builder.sslContext, builder.proxy), builder.clock, state);
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
        state.startLoop(this::run);
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
            return exchange.shipOldest();
        } finally {
            attempting.unlock();
        }
    }

    /** Lifts a pause for the credential: the next attempt sends again. */
    public void resume() {
        state.resume();
    }

    /** What the shipper has done and is waiting for. */
    public ShipperStatus status() {
        return state.status();
    }

    /**
     * Stops the loop (interrupting a request or a wait under way: its batch stays in the spool) and releases the HTTP
     * client. Does not close the spool. Idempotent.
     */
    @Override
    public void close() {
        if (!state.markClosed()) {
            return;
        }
        Thread running = state.loop();
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
        exchange.shutdown();
    }

    // ---- the loop ----

    private void run() {
        LOG.log(INFO, "shipper started: {0}", ingest);
        try {
            while (!state.isClosed()) {
                try {
                    Attempt attempt = shipOldest();
                    switch (attempt.outcome()) {
                        case IDLE -> spool.awaitBatch(settings.idlePoll());
                        case RETRY_LATER -> sleeper.sleep(attempt.delay());
                        case PAUSED_FOR_CREDENTIAL -> state.awaitWake(settings.idlePoll());
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
            state.loopStopped();
            LOG.log(INFO, "shipper stopped");
        }
    }

    /** A failure of the edge itself (the spool, a bug): counted like a network failure, waited out the same way. */
    private Duration failed(String error) {
        Duration wait = state.failed(error);
        LOG.log(WARNING, "shipping failed on the edge ({0}); next attempt in {1,number,#} ms", error, wait.toMillis());
        return wait;
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
