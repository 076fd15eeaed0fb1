package io.perimeter.cloud.ingest;

import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * The answer to an edge that sent a batch.
 *
 * @param batchId the batch
 * @param status  {@code accepted} (stored durably now: 202) or {@code duplicate} (stored before: 200)
 * @param parts   how many parts the batch was split into (0 for a duplicate)
 */
@Serdeable
record IngestReceipt(UUID batchId, String status, int parts) {
    static final String ACCEPTED = "accepted";
    static final String DUPLICATE = "duplicate";

    static IngestReceipt accepted(UUID batchId, int parts) {
        return new IngestReceipt(batchId, ACCEPTED, parts);
    }

    static IngestReceipt duplicate(UUID batchId) {
        return new IngestReceipt(batchId, DUPLICATE, 0);
    }

    boolean isDuplicate() {
        return DUPLICATE.equals(status);
    }
}
