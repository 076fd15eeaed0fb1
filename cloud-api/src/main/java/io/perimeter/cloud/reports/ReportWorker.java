package io.perimeter.cloud.reports;

import jakarta.inject.Singleton;
import io.micronaut.scheduling.annotation.Scheduled;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantRepository;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs report jobs in the background, on a small pool of its own ({@code perimeter.reports.workers}). A job starts
 * when it is requested; besides, every {@code perimeter.reports.poll} each tenant's queue is swept: a job still
 * queued (its instance stopped before starting it) is started, and a running job whose heartbeat is older than
 * {@code stale-after} (its instance stopped while running it) is queued again and re-run, because a report is a
 * function of the stored data and a second run gives the same file. After {@code max-attempts} runs it is failed.
 * Several instances may sweep at once: a job is claimed by one conditional update, so only one of them runs it, and
 * the claim's attempt number fences every later write of that run (see {@link ReportClaim}).
 */
@Singleton
final class ReportWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWorker.class);
    private static final Duration MIN_HEARTBEAT = Duration.ofMillis(250);

    private final TenantTransactions transactions;
    private final TenantRepository tenants;
    private final ReportJobs jobs;
    private final ReportGenerator generator;
    private final ReportSettings settings;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService heartbeats;
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
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("report-heartbeat").daemon(true).factory());
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

    /**
     * Claims and runs one job in this thread; nothing if another worker has it. While it runs, a heartbeat keeps the
     * claim fresh every quarter of {@code stale-after}; every write is fenced by the claim's attempt, so if the claim
     * is lost anyway (a pause longer than {@code stale-after}) this run stops at its next step and its result is
     * dropped, logged, and never overwrites the newer attempt's.
     */
    void run(UUID tenant, UUID id) {
        ReportClaim claim = transactions.write(tenant, () -> jobs.claim(tenant, id, clock.instant())).orElse(null);
        if (claim == null) {
            return;
        }
        try (ReportHeartbeat heartbeat = ReportHeartbeat.start(claim, () -> beat(claim), heartbeats,
                heartbeatEvery(settings))) {
            ReportJob job = transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow();
            progress(claim, 10);
            ReportFile file = generator.generate(job, percent -> progress(claim, percent));
            String sha256 = ReportGenerator.sha256(file.content());
            if (heartbeat.lost()
                    || !transactions.write(tenant, () -> jobs.finish(claim, file, sha256, clock.instant()))) {
                throw new ClaimLost();
            }
            LOG.info("report {} ({} {}) of tenant {} done at attempt {}: {} bytes", id, job.kind().id(),
                    job.format().id(), tenant, claim.attempt(), file.content().length);
        } catch (ClaimLost e) {
            LOG.warn("report {} of tenant {}: attempt {} lost its claim (re-queued after a stale heartbeat, or "
                    + "failed); its result is dropped", id, tenant, claim.attempt());
        } catch (RuntimeException e) {
            LOG.error("report {} of tenant {} failed at attempt {}", id, tenant, claim.attempt(), e);
            if (!transactions.write(tenant, () -> jobs.fail(claim,
                    "the report could not be generated; it was logged", clock.instant()))) {
                LOG.warn("report {} of tenant {}: attempt {} had lost its claim; its failure is not recorded", id,
                        tenant, claim.attempt());
            }
        }
    }

    /** How often a running job's heartbeat is written: a quarter of {@code stale-after}. */
    static Duration heartbeatEvery(ReportSettings settings) {
        Duration every = settings.staleAfter().dividedBy(4);
        return every.compareTo(MIN_HEARTBEAT) < 0 ? MIN_HEARTBEAT : every;
    }

    private boolean beat(ReportClaim claim) {
        return transactions.write(claim.tenantId(), () -> jobs.beat(claim, clock.instant()));
    }

    /** Records a step; stops the run if its claim is lost. */
    private void progress(ReportClaim claim, int percent) {
        if (!transactions.write(claim.tenantId(), () -> jobs.progress(claim, percent, clock.instant()))) {
            throw new ClaimLost();
        }
    }

    /** This run's claim is gone: another attempt owns the job, or a sweep failed it. */
    private static final class ClaimLost extends RuntimeException {
        ClaimLost() {
            super(null, null, false, false);
        }
    }

    @PreDestroy
    void close() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
            pool.shutdownNow(); // a job cut off here is re-run by a sweep once its heartbeat is stale
        }
        heartbeats.shutdownNow();
    }
}
