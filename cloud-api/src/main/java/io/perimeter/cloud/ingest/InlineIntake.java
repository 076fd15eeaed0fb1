package io.perimeter.cloud.ingest;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/**
 * Single-node mode, without Pulsar: the request applies the batch itself, all its parts in one transaction, and the
 * edge gets its answer after the commit. Simple and durable, but the edge waits for the database, and a burst of
 * batches is as fast as PostgreSQL takes it; with Pulsar, the request only waits for the broker.
 */
@Singleton
@Requires(missingProperty = "perimeter.pulsar.service-url")
final class InlineIntake implements BatchIntake {
    private final PartApplier applier;
    private final Clock clock;

    InlineIntake(PartApplier applier, Clock clock) {
        this.applier = applier;
        this.clock = clock;
    }

    @Override
    public IngestReceipt accept(Batch batch) {
        List<BatchPart> parts = BatchSplitter.split(batch, clock.instant());
        try {
            int applied = applier.apply(batch.tenantId(), parts);
            return applied == 0 ? IngestReceipt.duplicate(batch.id()) : IngestReceipt.accepted(batch.id(), parts.size());
        } catch (RuntimeException e) {
            if (ApplyFailure.of(e) == ApplyFailure.POISON) {
                throw e;
            }
            throw new IngestUnavailableException("the database is not available", e);
        }
    }
}
