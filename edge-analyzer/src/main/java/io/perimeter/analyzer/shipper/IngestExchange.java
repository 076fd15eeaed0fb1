package io.perimeter.analyzer.shipper;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import io.perimeter.analyzer.shipper.Attempt.Outcome;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpooledBatch;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * One attempt at a time to hand the spool's oldest batch to the ingest: the {@code POST} (credential, gzip,
 * {@code Idempotency-Key}) and what the answer does to the batch and to the {@link ShippingState}, as the
 * {@link Shipper} class comment lists. A batch leaves the spool only when acknowledged or dead-lettered. Not for
 * concurrent use: the shipper runs one attempt at a time. Logs name batch ids, statuses and exception classes only.
 */
final class IngestExchange {
    private static final System.Logger LOG = System.getLogger(Shipper.class.getName());

    private final URI ingest;
    private final Supplier<String> credential;
    private final Spool spool;
    private final ShipperSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final ShippingState state;

    IngestExchange(URI ingest, Supplier<String> credential, Spool spool, ShipperSettings settings, HttpClient http,
            Clock clock, ShippingState state) {
        this.ingest = ingest;
        this.credential = credential;
        this.spool = spool;
        this.settings = settings;
        this.http = http;
        this.clock = clock;
        this.state = state;
    }

    /** An HTTP/1.1 client that never follows redirects, with the TLS context and proxy given (either may be null). */
    static HttpClient client(ShipperSettings settings, SSLContext sslContext, ProxySelector proxy) {
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect would carry the credential to wherever it points: it is a failure, not a hint.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout());
        if (sslContext != null) {
            http.sslContext(sslContext);
        }
        if (proxy != null) {
            http.proxy(proxy);
        }
        return http.build();
    }

    /** See {@link Shipper#shipOldest()}. */
    Attempt shipOldest() throws InterruptedException {
        EdgeCredential current = EdgeCredential.read(credential);
        if (state.isPausedFor(current)) {
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
    }

    /** Stops requests under way and releases the client. */
    void shutdown() {
        http.shutdownNow();
    }

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
        state.delivered(status);
        LOG.log(DEBUG, "batch {0} delivered (HTTP {1,number,#})", batchId, status);
        return Attempt.of(Outcome.DELIVERED, batchId, status);
    }

    private Attempt deadLetter(String batchId, int status, Optional<String> problemType) {
        spool.deadLetter(batchId, status, problemType); // the spool logs it, with the status and the problem type
        state.deadLettered(status);
        return Attempt.of(Outcome.DEAD_LETTERED, batchId, status);
    }

    private Attempt pause(String batchId, int status, EdgeCredential refused, String error) {
        state.paused(status, refused, error);
        LOG.log(ERROR, "shipping paused: the edge credential was {0} ({1}); batch {2} and those after it stay spooled "
                + "until the credential changes", status == 0 ? "not usable" : "refused", error, batchId);
        return Attempt.of(Outcome.PAUSED_FOR_CREDENTIAL, batchId, status);
    }

    private Attempt retry(String batchId, int status, String error, Optional<Duration> retryAfter) {
        ShippingState.Retry retry = state.retry(status, error, retryAfter);
        LOG.log(WARNING, "batch {0} not taken ({1}); retry {2,number,#} in {3,number,#} ms", batchId, error,
                retry.retries(), retry.delay().toMillis());
        return new Attempt(Outcome.RETRY_LATER, Optional.of(batchId), status, retry.delay());
    }

    private static void discard(InputStream body) {
        try {
            body.close(); // the rest of the answer is not read: nothing in it is needed
        } catch (IOException e) {
            // the connection is dropped then, which is all closing is for
        }
    }
}
