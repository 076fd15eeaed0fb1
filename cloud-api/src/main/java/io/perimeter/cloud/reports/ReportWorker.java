package io.perimeter.cloud.reports;

import jakarta.inject.Singleton;
import io.micronaut.scheduling.annotation.Scheduled;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs report jobs in the background, on a small pool of its own ({@code perimeter.reports.workers}). A job starts
 * when it is requested; besides, every {@code perimeter.reports.poll} each tenant's queue is swept: a job still
 * queued (its instance stopped before starting it) is started, and a running job whose heartbeat is older than
 * {@code stale-after} (its instance stopped while running it) is queued again and re-run, because a report is a
 * function of the stored data and a second run gives the same file. After {@code max-attempts} runs it is failed.
 * Several instances may sweep at once: a job is claimed by one conditional update, so only one of them runs it.
 */
@Singleton
final class ReportWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWorker.class);

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final ReportJobs jobs;
    private final ReportGenerator generator;
    private final ReportSettings settings;
    private final Clock clock;
    private final ExecutorService pool;
    private final Set<UUID> submitted = ConcurrentHashMap.newKeySet();

    ReportWorker(TenantTransactions transactions, TenantRepository tenants, ReportJobs jobs, ReportGenerator generator,
                 ReportSettings settings, Clock clock) {
        this.transactions = transactions;
        this.tenants = tenants;
        this.jobs = jobs;
        this.generator = generator;
        this.settings = settings;
        this.clock = clock;
        this.pool = Executors.newFixedThreadPool(Math.max(1, settings.workers()),
                Thread.ofPlatform().name("report-worker-", 0).daemon(true).factory());
    }

    /** Starts the job in the background unless this instance has it already. */
    void submit(UUID tenant, UUID job) {
        if (!submitted.add(job)) {
            return;
        }
        try {
            pool.execute(() -> {
                try {
                    run(tenant, job);
                } finally {
                    submitted.remove(job);
                }
            });
        } catch (RejectedExecutionException e) {
            submitted.remove(job); // shutting down: the next instance's sweep takes it
        }
    }

    /** Every tenant's queue: abandoned jobs re-queued, queued jobs started. */
    @Scheduled(initialDelay = "5s", fixedDelay = "${perimeter.reports.poll:15s}")
    void sweep() {
        List<Tenant> all = transactions.asOperator(tenants::listOrderBySlug);
        for (Tenant tenant : all) {
            List<UUID> queued = transactions.write(tenant.id(),
                    () -> jobs.recover(tenant.id(), settings.staleAfter(), settings.maxAttempts(), clock.instant()));
            queued.forEach(job -> submit(tenant.id(), job));
        }
    }

    /** Claims and runs one job in this thread; nothing if another worker has it. */
    void run(UUID tenant, UUID id) {
        boolean claimed = transactions.write(tenant, () -> jobs.claim(tenant, id, clock.instant()));
        if (!claimed) {
            return;
        }
        try {
            ReportJob job = transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow();
            progress(tenant, id, 10);
            ReportFile file = generator.generate(job, percent -> progress(tenant, id, percent));
            String sha256 = ReportGenerator.sha256(file.content());
            transactions.write(tenant, () -> {
                jobs.finish(tenant, id, file, sha256, clock.instant());
                return null;
            });
            LOG.info("report {} ({} {}) of tenant {} done: {} bytes", id, job.kind().id(), job.format().id(), tenant,
                    file.content().length);
        } catch (RuntimeException e) {
            LOG.error("report {} of tenant {} failed", id, tenant, e);
            transactions.write(tenant, () -> {
                jobs.fail(tenant, id, "the report could not be generated; it was logged", clock.instant());
                return null;
            });
        }
    }

    private void progress(UUID tenant, UUID id, int percent) {
        transactions.write(tenant, () -> {
            jobs.progress(tenant, id, percent, clock.instant());
            return null;
        });
    }

    @PreDestroy
    void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow(); // a job cut off here is re-run by a sweep once its heartbeat is stale
        }
    }
}
