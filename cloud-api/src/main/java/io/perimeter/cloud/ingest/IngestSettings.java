package io.perimeter.cloud.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How ingest takes batches ({@code perimeter.ingest.*}; {@code tenant-refresh}, how often the consumers look for new
 * and removed tenants, is read by {@link InventoryConsumers}' schedule).
 *
 * @param maxBatchBytes       the largest batch accepted, counted after decompression (a gzip bomb stops here)
 * @param replayMemory        how long Redis remembers an accepted batch id, the fast path for replays; the database
 *                            remembers for ever
 * @param maxRedeliveries     how many times a part that fails to apply is redelivered before it goes to the tenant's
 *                            dead-letter topic
 * @param redeliveryDelay     how long a failed part waits before it is redelivered
 * @param consumersPerTenant  consumers on each tenant's topic in this instance (Key_Shared spreads the keys)
 * @param consumersEnabled    whether this instance consumes at all (an API-only instance may not)
 */
@ConfigurationProperties("perimeter.ingest")
record IngestSettings(
        @Bindable(defaultValue = "16777216") long maxBatchBytes,
        @Bindable(defaultValue = "7d") Duration replayMemory,
        @Bindable(defaultValue = "5") int maxRedeliveries,
        @Bindable(defaultValue = "1s") Duration redeliveryDelay,
        @Bindable(defaultValue = "1") int consumersPerTenant,
        @Bindable(defaultValue = "true") boolean consumersEnabled) {
}
