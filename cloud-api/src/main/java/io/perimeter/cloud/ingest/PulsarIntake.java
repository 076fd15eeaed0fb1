package io.perimeter.cloud.ingest;

import io.micronaut.context.annotation.Requires;
import io.perimeter.tenancy.database.TenantTransactions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;

/**
 * Pulsar mode: the batch's parts are published to the tenant's topic, keyed by service identity, and the edge gets
 * its answer once the broker has persisted every part (a send completes only then). A batch whose parts were applied
 * before is answered as a duplicate without publishing; a replay that slips past this check (it is still in flight)
 * is published again and skipped by the consumers' ledger.
 *
 * <p>Before its first publish to a topic, the instance makes sure the {@code inventory} subscription exists: Pulsar
 * keeps messages for the subscriptions a topic has, so a part published before any consumer ever subscribed would
 * otherwise not wait for one.
 */
@Singleton
@Requires(property = "perimeter.pulsar.service-url")
final class PulsarIntake implements BatchIntake {
    private static final long SEND_TIMEOUT_SECONDS = 30;

    private final PulsarClient client;
    private final TenantTransactions transactions;
    private final IngestLedger ledger;
    private final TenantSlugs slugs;
    private final Clock clock;
    private final Map<String, CompletableFuture<Producer<byte[]>>> producers = new ConcurrentHashMap<>();

    PulsarIntake(PulsarClient client, TenantTransactions transactions, IngestLedger ledger, TenantSlugs slugs,
                 Clock clock) {
        this.client = client;
        this.transactions = transactions;
        this.ledger = ledger;
        this.slugs = slugs;
        this.clock = clock;
    }

    @Override
    public IngestReceipt accept(Batch batch) {
        if (transactions.read(batch.tenantId(), () -> ledger.applied(batch.tenantId(), batch.id()))) {
            return IngestReceipt.duplicate(batch.id());
        }
        List<BatchPart> parts = BatchSplitter.split(batch, clock.instant());
        String topic = IngestTopics.batches(slugs.of(batch.tenantId()));
        try {
            Producer<byte[]> producer = producer(topic).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            CompletableFuture<?>[] sends = parts.stream()
                    .map(part -> producer.newMessage()
                            .key(part.key())
                            .property("batchId", part.batchId().toString())
                            .property("part", Integer.toString(part.index()))
                            .value(part.toBytes())
                            .sendAsync())
                    .toArray(CompletableFuture<?>[]::new);
            CompletableFuture.allOf(sends).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IngestUnavailableException("Pulsar did not persist the batch", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnavailableException("interrupted while publishing the batch", e);
        }
        return IngestReceipt.accepted(batch.id(), parts.size());
    }

    private CompletableFuture<Producer<byte[]>> producer(String topic) {
        CompletableFuture<Producer<byte[]>> producer = producers.computeIfAbsent(topic, t -> client.newConsumer()
                .topic(t)
                .subscriptionName(IngestTopics.SUBSCRIPTION)
                .subscriptionType(SubscriptionType.Key_Shared)
                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                .subscribeAsync()
                .thenCompose(subscribed -> subscribed.closeAsync())
                .thenCompose(closed -> client.newProducer(Schema.BYTES)
                        .topic(t)
                        // Key_Shared dispatch needs each message to carry one key: no producer batching.
                        .enableBatching(false)
                        .blockIfQueueFull(true)
                        .sendTimeout((int) SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .createAsync()));
        // A failed creation is not kept: the next batch tries again.
        producer.whenComplete((created, failure) -> {
            if (failure != null) {
                producers.remove(topic, producer);
            }
        });
        return producer;
    }

    @PreDestroy
    void close() {
        producers.values().forEach(producer -> producer.thenAccept(Producer::closeAsync));
    }
}
