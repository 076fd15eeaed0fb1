package io.perimeter.cloud.ingest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.DeadLetterPolicy;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.client.api.SubscriptionType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumers that apply every tenant's parts: on each tenant's topic, {@code consumers-per-tenant} consumers of
 * the Key_Shared subscription {@code inventory}, which Pulsar balances by key across all instances, so that the parts
 * of one service identity go to one consumer at a time. Tenants are read from the tenants table (as the platform
 * operator) at start and again every {@code perimeter.ingest.tenant-refresh}: a new tenant gets consumers, a removed
 * one loses them. A tenant whose topic cannot be subscribed to yet (its namespace is not provisioned) is tried again
 * at the next refresh.
 */
@Singleton
@Requires(property = "perimeter.pulsar.service-url")
@Requires(property = "perimeter.ingest.consumers-enabled", notEquals = "false")
final class InventoryConsumers {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryConsumers.class);

    private final PulsarClient client;
    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final PartApplier applier;
    private final IngestLedger ledger;
    private final IngestSettings settings;
    private final Map<UUID, Subscribed> subscribed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** One tenant's listener and its consumers. */
    private record Subscribed(PartListener listener, List<Consumer<byte[]>> consumers) {}

    InventoryConsumers(PulsarClient client, TenantTransactions transactions, TenantRepository tenants,
                       PartApplier applier, IngestLedger ledger, IngestSettings settings) {
        this.client = client;
        this.transactions = transactions;
        this.tenants = tenants;
        this.applier = applier;
        this.ledger = ledger;
        this.settings = settings;
    }

    /** Subscribes to new tenants' topics and unsubscribes from removed ones. */
    @Scheduled(initialDelay = "0s", fixedDelay = "${perimeter.ingest.tenant-refresh:30s}")
    synchronized void refresh() {
        if (closed) {
            return;
        }
        List<Tenant> current = transactions.asOperator(tenants::listOrderBySlug);
        Set<UUID> ids = current.stream().map(Tenant::id).collect(Collectors.toSet());
        for (UUID gone : new ArrayList<>(subscribed.keySet())) {
            if (!ids.contains(gone)) {
                close(subscribed.remove(gone));
            }
        }
        for (Tenant tenant : current) {
            if (!subscribed.containsKey(tenant.id())) {
                subscribe(tenant);
            }
        }
    }

    private void subscribe(Tenant tenant) {
        PartListener listener = new PartListener(tenant, applier, ledger, transactions, settings.maxRedeliveries());
        List<Consumer<byte[]>> consumers = new ArrayList<>();
        try {
            for (int i = 0; i < settings.consumersPerTenant(); i++) {
                consumers.add(client.newConsumer(Schema.BYTES)
                        .topic(IngestTopics.batches(tenant.slug()))
                        .subscriptionName(IngestTopics.SUBSCRIPTION)
                        .subscriptionType(SubscriptionType.Key_Shared)
                        .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                        .messageListener(listener)
                        .negativeAckRedeliveryDelay(settings.redeliveryDelay().toMillis(), TimeUnit.MILLISECONDS)
                        .deadLetterPolicy(DeadLetterPolicy.builder()
                                .maxRedeliverCount(settings.maxRedeliveries())
                                .deadLetterTopic(IngestTopics.deadLetters(tenant.slug()))
                                .initialSubscriptionName(IngestTopics.DEAD_LETTER_SUBSCRIPTION)
                                .build())
                        .subscribe());
            }
            subscribed.put(tenant.id(), new Subscribed(listener, consumers));
            LOG.info("consuming tenant {}'s batches with {} consumer(s)", tenant.slug(), consumers.size());
        } catch (PulsarClientException e) {
            LOG.warn("could not subscribe to tenant {}'s batches yet ({}); trying again at the next refresh",
                    tenant.slug(), e.getClass().getSimpleName());
            close(new Subscribed(listener, consumers));
        }
    }

    private static void close(Subscribed tenant) {
        tenant.listener().close();
        for (Consumer<byte[]> consumer : tenant.consumers()) {
            try {
                consumer.close();
            } catch (PulsarClientException e) {
                LOG.warn("a consumer did not close cleanly ({})", e.getClass().getSimpleName());
            }
        }
    }

    @PreDestroy
    synchronized void close() {
        closed = true;
        subscribed.values().forEach(InventoryConsumers::close);
        subscribed.clear();
    }
}
