package io.perimeter.cloud.ingest;

import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the parts that arrive on one tenant's topic, acknowledging each after its transaction committed. A crash
 * between the commit and the acknowledgement redelivers the part, which the ledger then skips: the effect is exactly
 * once. What happens when applying fails depends on why ({@link ApplyFailure}): while the database is unavailable the
 * listener waits and tries again (the part is fine; dead-lettering it would lose data); a part that fails by itself is
 * negatively acknowledged, redelivered, and after {@code maxRedeliveries} deliveries recorded in
 * {@code ingest_dead_letters} and moved by the client to the tenant's dead-letter topic.
 *
 * <p>A part that names another tenant than the topic's is acknowledged and dropped: it was published for an earlier
 * tenant of the same slug (offboarded and onboarded again), whose rows are gone.
 */
final class PartListener implements MessageListener<byte[]> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PartListener.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final transient Tenant tenant;
    private final transient PartApplier applier;
    private final transient IngestLedger ledger;
    private final transient TenantTransactions transactions;
    private final int maxRedeliveries;
    private final AtomicBoolean closed = new AtomicBoolean();

    PartListener(Tenant tenant, PartApplier applier, IngestLedger ledger, TenantTransactions transactions,
                 int maxRedeliveries) {
        this.tenant = tenant;
        this.applier = applier;
        this.ledger = ledger;
        this.transactions = transactions;
        this.maxRedeliveries = maxRedeliveries;
    }

    /** Stops waiting for the database: a part under way is left unacknowledged and will be redelivered. */
    void close() {
        closed.set(true);
    }

    @Override
    public void received(Consumer<byte[]> consumer, Message<byte[]> message) {
        BatchPart part;
        try {
            part = BatchPart.fromBytes(message.getData());
        } catch (IllegalArgumentException unreadable) {
            failed(consumer, message, null, unreadable);
            return;
        }
        if (!part.tenantId().equals(tenant.id())) {
            LOG.warn("dropped part {} of batch {} on tenant {}'s topic: it names another tenant", part.index(),
                    part.batchId(), tenant.slug());
            consumer.acknowledgeAsync(message);
            return;
        }
        Duration wait = Duration.ofMillis(100);
        while (!closed.get()) {
            try {
                applier.apply(tenant.id(), List.of(part));
                consumer.acknowledgeAsync(message);
                return;
            } catch (RuntimeException e) {
                if (ApplyFailure.of(e) != ApplyFailure.UNAVAILABLE) {
                    failed(consumer, message, part, e);
                    return;
                }
                LOG.warn("database unavailable ({}); part {} of batch {} waits {} ms", ApplyFailure.describe(e),
                        part.index(), part.batchId(), wait.toMillis());
                if (!pause(wait)) {
                    return;
                }
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private void failed(Consumer<byte[]> consumer, Message<byte[]> message, BatchPart part, Exception failure) {
        String reason = ApplyFailure.describe(failure);
        if (message.getRedeliveryCount() >= maxRedeliveries) {
            // The client moves the message to the dead-letter topic when it is negatively acknowledged now.
            LOG.error("part {} of batch {} of tenant {} failed {} times ({}): dead-lettered",
                    part == null ? "?" : part.index(), part == null ? "?" : part.batchId(), tenant.slug(),
                    message.getRedeliveryCount() + 1, reason);
            transactions.write(tenant.id(), () -> {
                ledger.deadLetter(tenant.id(), part == null ? null : part.batchId(),
                        part == null ? null : part.index(), reason);
                return null;
            });
        } else {
            LOG.warn("part {} of batch {} of tenant {} failed ({}); it will be redelivered",
                    part == null ? "?" : part.index(), part == null ? "?" : part.batchId(), tenant.slug(), reason);
        }
        consumer.negativeAcknowledge(message);
    }

    private boolean pause(Duration wait) {
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
