package io.perimeter.analyzer.edge;

import static java.lang.System.Logger.Level.ERROR;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.batch.BatchHeader;
import io.perimeter.analyzer.batch.BatchRejectedException;
import io.perimeter.analyzer.batch.BatchWriter;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import io.perimeter.analyzer.shipper.Shipper;
import io.perimeter.analyzer.spool.AppendResult;
import io.perimeter.analyzer.spool.Spool;
import io.perimeter.analyzer.spool.SpoolException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closes traffic windows into batches: at the end of each window, what the window added to the inventory and findings
 * ({@link WindowDelta}) with the edge's health counters becomes a contract batch, which is validated and appended to the
 * spool (durable when this returns); the shipper takes it from there.
 *
 * <p>The cloud adds batches up, so each carries the window's counts only: endpoints and findings active in the window,
 * with the window's calls, statuses, latencies and occurrences. A batch that is not spooled, or that the spool evicts,
 * loses its window's counts (both are counted). The counters in {@code edge.counters} are not per window but the
 * edge's current values, which the cloud keeps the latest of: the analysis's ({@code calls}, {@code findings_*}), the
 * queue's, the source's (the sensor's capture counters), {@code batch_items_cut}, {@code batches_not_spooled}, and the
 * spool's and shipper's health counters; all only grow, except the spool's queue sizes and the shipper's failure
 * streak.
 *
 * <p>Not thread-safe: one thread closes windows.
 */
final class WindowBatcher {
    private static final System.Logger LOG = System.getLogger(WindowBatcher.class.getName());

    private final String edgeId;
    private final TrafficAnalysis analysis;
    private final AnalysisQueue queue;
    private final CallSource source;
    private final BatchWriter writer;
    private final Spool spool;
    private final Shipper shipper;
    private final Clock clock;
    private final LongAdder notSpooled = new LongAdder();
    private final WindowDelta delta = new WindowDelta();
    private long callsBefore;
    private Instant start;

    WindowBatcher(String edgeId, TrafficAnalysis analysis, AnalysisQueue queue, CallSource source, BatchWriter writer,
            Spool spool, Shipper shipper, Clock clock) {
        this.edgeId = edgeId;
        this.analysis = analysis;
        this.queue = queue;
        this.source = source;
        this.writer = writer;
        this.spool = spool;
        this.shipper = shipper;
        this.clock = clock;
        this.start = clock.instant();
    }

    /** When the open window started: when the batcher was made, or when the last window was closed. */
    Instant windowStart() {
        return start;
    }

    /** Writes and spools the batch of the open window, which ends now; the next window starts. */
    WindowSummary close() {
        Instant end = clock.instant();
        TrafficAnalysis.Snapshot window = delta.next(analysis.snapshot());
        long calls = analysis.calls();
        var header = new BatchHeader(UUID.randomUUID(), edgeId, end, start, end, EdgeVersion.VALUE, counters());
        Optional<AppendResult> spooled = spool(header, window);
        WindowSummary summary = new WindowSummary(start, end, calls - callsBefore, calls,
                window.inventory().services().size(), window.endpoints(), window.findings().size(),
                header.batchId(), spooled, spool.stats().queuedBatches(), shipper.status());
        callsBefore = calls;
        start = end;
        return summary;
    }

    private Optional<AppendResult> spool(BatchHeader header, TrafficAnalysis.Snapshot window) {
        try {
            ObjectNode batch = writer.write(header, window.inventory(), window.findings());
            return Optional.of(spool.append(batch));
        } catch (BatchRejectedException e) {
            // A defect of the edge, never the traffic's fault: the violations name members and rules, not values.
            notSpooled.increment();
            LOG.log(ERROR, "batch {0} broke the contract and was not spooled: {1}", header.batchId(), e.getMessage());
        } catch (SpoolException e) {
            notSpooled.increment();
            LOG.log(ERROR, "batch {0} could not be spooled: {1}", header.batchId(), e.getMessage());
        }
        return Optional.empty();
    }

    private Map<String, Long> counters() {
        Map<String, Long> counters = new LinkedHashMap<>(analysis.counters());
        counters.putAll(queue.counters());
        counters.putAll(source.counters());
        counters.put("batch_items_cut", writer.itemsCut());
        counters.put("batches_not_spooled", notSpooled.sum());
        counters.putAll(spool.stats().healthCounters());
        counters.putAll(shipper.status().healthCounters());
        return counters;
    }
}
