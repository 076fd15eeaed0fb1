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
 * Closes traffic windows into batches: at the end of each window, the inventory and findings so far with the edge's
 * health counters become a contract batch, which is validated and appended to the spool (durable when this returns);
 * the shipper takes it from there.
 *
 * <p>Each batch is a full snapshot (everything discovered since the edge started, counts included), so a batch lost to
 * eviction costs the control plane one point in time, not part of the inventory. Counters in {@code edge.counters}:
 * the analysis's ({@code calls}, {@code findings_*}), the queue's, the source's (the sensor's capture counters),
 * {@code batch_items_cut}, {@code batches_not_spooled}, and the spool's and shipper's health counters; all only grow,
 * except the spool's queue sizes and the shipper's failure streak.
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
        TrafficAnalysis.Snapshot snapshot = analysis.snapshot();
        long calls = analysis.calls();
        var header = new BatchHeader(UUID.randomUUID(), edgeId, end, start, end, EdgeVersion.VALUE, counters());
        Optional<AppendResult> spooled = spool(header, snapshot);
        WindowSummary summary = new WindowSummary(start, end, calls - callsBefore, calls,
                snapshot.inventory().services().size(), snapshot.endpoints(), snapshot.findings().size(),
                header.batchId(), spooled, spool.stats().queuedBatches(), shipper.status());
        callsBefore = calls;
        start = end;
        return summary;
    }

    private Optional<AppendResult> spool(BatchHeader header, TrafficAnalysis.Snapshot snapshot) {
        try {
            ObjectNode batch = writer.write(header, snapshot.inventory(), snapshot.findings());
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
