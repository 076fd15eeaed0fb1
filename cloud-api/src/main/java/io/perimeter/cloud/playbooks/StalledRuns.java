package io.perimeter.cloud.playbooks;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends playbook runs that an instance stopped sending: every {@code perimeter.playbooks.sweep} (1 minute), each
 * tenant's runs still {@code running} with no sign of life (approval, request or recorded delivery attempt) for
 * {@code perimeter.playbooks.stale-after} (10 minutes) are marked {@code failed} with outcome {@code interrupted} in
 * the audit trail. They are not resent: a request may have reached its destination before the stop, and its attempts
 * are recorded. The bound must be longer than one attempt can take (connection and answer timeouts plus the longest
 * backoff), or a live run could be ended while it waits; a run ended so keeps its ending (the sender's own ending is
 * conditional on {@code running}).
 */
@Singleton
final class StalledRuns {
    private static final Logger LOG = LoggerFactory.getLogger(StalledRuns.class);

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final PlaybookRuns runs;
    private final Duration staleAfter;
    private final Clock clock;

    StalledRuns(TenantTransactions transactions, TenantRepository tenants, PlaybookRuns runs,
                @Value("${perimeter.playbooks.stale-after:10m}") Duration staleAfter, Clock clock) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.runs = runs;
        this.staleAfter = staleAfter;
        this.clock = clock;
    }

    @Scheduled(initialDelay = "30s", fixedDelay = "${perimeter.playbooks.sweep:1m}")
    void sweep() {
        sweep(staleAfter);
    }

    /** Ends, in every tenant, the runs with no sign of life for {@code bound}; the ids of the runs ended. */
    List<UUID> sweep(Duration bound) {
        List<Tenant> all = transactions.asOperator(tenants::listOrderBySlug);
        return all.stream().flatMap(tenant -> {
            List<UUID> ended = transactions.write(tenant.id(),
                    () -> runs.interruptStalled(tenant.id(), clock.instant().minus(bound)));
            ended.forEach(run -> LOG.warn("playbook run {} of tenant {} was left running; ended as interrupted", run,
                    tenant.id()));
            return ended.stream();
        }).toList();
    }
}
