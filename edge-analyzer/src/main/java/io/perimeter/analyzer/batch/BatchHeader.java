package io.perimeter.analyzer.batch;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What a batch says about itself and its edge.
 *
 * @param batchId     unique per batch: the control plane stores a batch once per id
 * @param edgeId      the edge's identifier from enrollment
 * @param createdAt   when the batch was made
 * @param windowStart the start of the traffic window it covers
 * @param windowEnd   the end of that window
 * @param version     the edge's version ({@code 0.1.0})
 * @param counters    health counters of the edge (capture losses, calls, cuts), by lower-case name
 */
public record BatchHeader(UUID batchId, String edgeId, Instant createdAt, Instant windowStart, Instant windowEnd,
        String version, Map<String, Long> counters) {

    public BatchHeader {
        counters = Map.copyOf(counters);
    }
}
