package io.perimeter.analyzer.edge;

import io.perimeter.analyzer.shipper.ShipperStatus;
import io.perimeter.analyzer.spool.AppendResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * What one closed window did, for the progress lines: counts, the batch's id and fate, the spool's queue and the
 * shipper's state. Holds no value of any call.
 *
 * @param start         the window's start
 * @param end           its end
 * @param windowCalls   calls analyzed in the window
 * @param totalCalls    calls analyzed since the edge started
 * @param services      services in the batch: those with endpoints active in the window
 * @param endpoints     endpoints in it: those with calls (or findings) in the window
 * @param findings      findings in it: those with occurrences in the window
 * @param batchId       the batch's id
 * @param spooled       what the spool did with the batch; empty if it could not be written or spooled (logged)
 * @param queuedBatches batches in the spool after it
 * @param shipper       the shipper's state then
 */
public record WindowSummary(Instant start, Instant end, long windowCalls, long totalCalls, int services, int endpoints,
        int findings, UUID batchId, Optional<AppendResult> spooled, long queuedBatches, ShipperStatus shipper) {

    /** One line, and a second one when shipping is held up. */
    public String progress() {
        String batch = spooled.map(result -> switch (result) {
            case SPOOLED -> "spooled";
            case DUPLICATE -> "already spooled";
            case TOO_LARGE -> "too large for the spool, dropped (counted)";
        }).orElse("NOT spooled (see the log)");
        String line = String.format("%s window: %d calls (%d in all), %d services, %d endpoints, %d findings; batch %s %s; "
                        + "%d queued, %d shipped", end.truncatedTo(ChronoUnit.SECONDS), windowCalls, totalCalls, services,
                endpoints, findings, batchId, batch, queuedBatches, shipper.sent());
        return shippingProblem().map(problem -> line + System.lineSeparator() + "  shipping " + problem).orElse(line);
    }

    private Optional<String> shippingProblem() {
        if (shipper.pausedForCredential()) {
            return Optional.of("paused: the cloud refused the edge credential (" + shipper.lastError().orElse("HTTP "
                    + shipper.lastStatus()) + "); enroll this edge again");
        }
        if (shipper.consecutiveFailures() > 0) {
            return Optional.of("retrying: " + shipper.consecutiveFailures() + " failures in a row, last "
                    + shipper.lastError().orElse("unknown") + "; batches wait in the spool");
        }
        return Optional.empty();
    }
}
