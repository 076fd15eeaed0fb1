package io.perimeter.cloud.reports;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a claimed job's heartbeat fresh while it runs, independently of the steps' progress, so that a long read or
 * PDF layout never looks like a stopped worker to another instance's sweep. {@code beat} runs every {@code every} on
 * the given scheduler until this is closed; it returns false once the claim is lost, which ends the beats and is
 * remembered ({@link #lost()}). A beat that throws (the database away for a moment) is logged and the next one tries
 * again. Closing is idempotent and does not wait for a beat in progress.
 */
final class ReportHeartbeat implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReportHeartbeat.class);

    private final ReportClaim claim;
    private final BooleanSupplier beat;
    private volatile boolean lost;
    private volatile boolean closed;
    private final ScheduledFuture<?> beats;

    private ReportHeartbeat(ReportClaim claim, BooleanSupplier beat, ScheduledExecutorService scheduler,
                            Duration every) {
        this.claim = claim;
        this.beat = beat;
        long millis = Math.max(1, every.toMillis());
        this.beats = scheduler.scheduleAtFixedRate(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Starts beating for {@code claim} every {@code every}. */
    static ReportHeartbeat start(ReportClaim claim, BooleanSupplier beat, ScheduledExecutorService scheduler,
                                 Duration every) {
        return new ReportHeartbeat(claim, beat, scheduler, every);
    }

    /** True once a beat found the claim lost: the job was re-queued, claimed again, or failed by a sweep. */
    boolean lost() {
        return lost;
    }

    private void beat() {
        if (lost || closed) {
            return;
        }
        try {
            if (!beat.getAsBoolean()) {
                lost = true;
                LOG.warn("report {} of tenant {}: attempt {} lost its claim while running; another attempt owns it",
                        claim.jobId(), claim.tenantId(), claim.attempt());
            }
        } catch (RuntimeException e) {
            LOG.warn("report {} of tenant {}: heartbeat of attempt {} failed; trying again", claim.jobId(),
                    claim.tenantId(), claim.attempt(), e);
        }
    }

    @Override
    public void close() {
        closed = true;
        beats.cancel(false);
    }
}
