package io.perimeter.cloud.reports;

import static io.perimeter.cloud.reports.ReportDownloads.awaitFinished;
import static io.perimeter.cloud.reports.ReportDownloads.download;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Report jobs as the background worker runs them: a stale attempt cannot overwrite the attempt that took its job over,
 * a running job's heartbeat keeps the sweep from taking it over, and a job left running by a stopped instance is run
 * again and given up after three attempts.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class ReportJobsIT {
    private static CloudApiFixture cloud;
    private static ReportSeed acme;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of("perimeter.reports.poll", "1s",
                "perimeter.reports.stale-after", "5s"));
        acme = ReportSeed.into(cloud, cloud.acme.id());
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aStaleAttemptCannotOverwriteTheResultOfTheAttemptThatTookTheJobOver() {
        ReportJobs jobs = cloud.context().getBean(ReportJobs.class);
        TenantTransactions transactions = cloud.context().getBean(TenantTransactions.class);
        UUID tenant = cloud.acme.id();
        ReportFile newerFile = new ReportFile("newer.csv", "text/csv", "newer".getBytes(StandardCharsets.UTF_8));
        ReportFile staleFile = new ReportFile("stale.csv", "text/csv", "stale".getBytes(StandardCharsets.UTF_8));
        ApiClient bob = cloud.as("bob");

        // The newer attempt finishes; the stale one's progress, file and failure change nothing.
        ReportClaim[] claims = twoClaims(jobs, transactions, tenant);
        ReportClaim stale = claims[0];
        ReportClaim newer = claims[1];
        assertThat(stale.attempt()).isEqualTo(1);
        assertThat(newer.attempt()).isEqualTo(2);
        assertThat(transactions.write(tenant, () -> jobs.progress(stale, 90, Instant.now()))).isFalse();
        assertThat(transactions.write(tenant, () -> jobs.beat(stale, Instant.now()))).isFalse();
        assertThat(transactions.write(tenant, () -> jobs.finish(stale, staleFile, "0".repeat(64), Instant.now())))
                .as("the stale attempt's file while the newer one runs").isFalse();
        assertThat(bob.get("/api/v1/reports/" + newer.jobId()).json().path("status").asText()).isEqualTo("running");
        assertThat(transactions.write(tenant, () -> jobs.progress(newer, 40, Instant.now()))).isTrue();
        assertThat(transactions.write(tenant, () -> jobs.finish(newer, newerFile, "1".repeat(64), Instant.now())))
                .isTrue();
        assertThat(transactions.write(tenant, () -> jobs.fail(stale, "stale", Instant.now()))).isFalse();
        JsonNode done = bob.get("/api/v1/reports/" + newer.jobId()).json();
        assertThat(done.path("status").asText()).isEqualTo("done");
        assertThat(done.path("error").asText()).as("the error of %s", done).isEmpty();
        assertThat(done.path("sha256").asText()).isEqualTo("1".repeat(64));
        assertThat(bob.getBytes(done.path("download").asText()).body()).isEqualTo(newerFile.content());

        // The newer attempt fails; the stale one's file does not turn the job into a download.
        ReportClaim[] again = twoClaims(jobs, transactions, tenant);
        assertThat(transactions.write(tenant, () -> jobs.fail(again[1], "newer failed", Instant.now()))).isTrue();
        assertThat(transactions.write(tenant, () -> jobs.finish(again[0], staleFile, "0".repeat(64),
                Instant.now()))).isFalse();
        JsonNode failed = bob.get("/api/v1/reports/" + again[1].jobId()).json();
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).isEqualTo("newer failed");
        assertThat(bob.get("/api/v1/reports/" + again[1].jobId() + "/content").status()).isEqualTo(409);
    }

    @Test
    void aRunningJobsHeartbeatKeepsTheSweepFromTakingItOver() throws InterruptedException {
        ReportJobs jobs = cloud.context().getBean(ReportJobs.class);
        TenantTransactions transactions = cloud.context().getBean(TenantTransactions.class);
        ReportSettings settings = cloud.context().getBean(ReportSettings.class);
        UUID tenant = cloud.acme.id();
        UUID id = UUID.randomUUID();
        ReportClaim claim = transactions.write(tenant, () -> {
            jobs.insert(tenant, id, ReportKind.GDPR, ReportFormat.CSV, null, Instant.now(), "bob", Instant.now());
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ReportHeartbeat heartbeat = ReportHeartbeat.start(claim,
                () -> transactions.write(tenant, () -> jobs.beat(claim, Instant.now())), scheduler,
                ReportWorker.heartbeatEvery(settings))) {
            // Longer than stale-after (5 s here) with a sweep every second, and no progress at all: a long PDF layout.
            Thread.sleep(settings.staleAfter().plusSeconds(3).toMillis());
            ReportJob running = transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow();
            assertThat(running.status()).isEqualTo("running");
            assertThat(running.attempts()).as("runs of the job").isEqualTo(1);
            assertThat(heartbeat.lost()).isFalse();
        } finally {
            scheduler.shutdownNow();
        }
        // Once the beats stop (the instance stopped), the sweep re-runs the job under a new attempt.
        JsonNode rerun = awaitFinished(cloud.as("bob"), id.toString());
        assertThat(rerun.path("status").asText()).isEqualTo("done");
        assertThat(transactions.read(tenant, () -> jobs.find(tenant, id)).orElseThrow().attempts()).isEqualTo(2);
        assertThat(transactions.write(tenant, () -> jobs.beat(claim, Instant.now()))).as("the first claim").isFalse();
    }

    @Test
    void aJobLeftRunningByAStoppedInstanceIsRunAgainAndGivesUpAfterThreeAttempts() {
        UUID abandoned = UUID.randomUUID();
        UUID hopeless = UUID.randomUUID();
        OffsetDateTime long_ago = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(10);
        cloud.context().getBean(TenantTransactions.class).write(cloud.acme.id(), () -> {
            JdbcOperations jdbc = cloud.context().getBean(JdbcOperations.class);
            for (Object[] job : List.of(new Object[] {abandoned, 1}, new Object[] {hopeless, 3})) {
                jdbc.prepareStatement("INSERT INTO report_jobs (id, tenant_id, kind, format, status, progress, "
                        + "attempts, requested_by, requested_at, started_at, heartbeat_at) VALUES (?, current_tenant(), "
                        + "'gdpr', 'csv', 'running', 40, ?, 'bob', ?, ?, ?)", statement -> {
                            statement.setObject(1, job[0]);
                            statement.setInt(2, (Integer) job[1]);
                            statement.setObject(3, long_ago);
                            statement.setObject(4, long_ago);
                            statement.setObject(5, long_ago);
                            return statement.executeUpdate();
                        });
            }
            return null;
        });
        ApiClient bob = cloud.as("bob");
        JsonNode rerun = awaitFinished(bob, abandoned.toString());
        assertThat(rerun.path("status").asText()).isEqualTo("done");
        assertThat(rerun.path("progress").asInt()).isEqualTo(100);
        assertThat(new String(download(bob, rerun, "text/csv"), StandardCharsets.UTF_8))
                .contains("Art. 30(1)(d),TRANSFER,payments.example.com:443");
        JsonNode failed = awaitFinished(bob, hopeless.toString());
        assertThat(failed.path("status").asText()).isEqualTo("failed");
        assertThat(failed.path("error").asText()).contains("stopped 3 times");
        assertThat(bob.get("/api/v1/reports/" + hopeless + "/content").status()).isEqualTo(409);
    }

    /**
     * A job claimed twice: claimed, then (as a sweep does with a stale heartbeat) queued again and claimed by another
     * worker. Each step commits with the claim, so the running sweep never sees the job queued.
     */
    private static ReportClaim[] twoClaims(ReportJobs jobs, TenantTransactions transactions, UUID tenant) {
        UUID id = UUID.randomUUID();
        ReportClaim first = transactions.write(tenant, () -> {
            jobs.insert(tenant, id, ReportKind.GDPR, ReportFormat.CSV, null, Instant.now(), "bob", Instant.now());
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        ReportClaim second = transactions.write(tenant, () -> {
            assertThat(jobs.claim(tenant, id, Instant.now())).as("a claim of a running job").isEmpty();
            acme.sql("UPDATE report_jobs SET status = 'queued', progress = 0 WHERE id = ?", id);
            return jobs.claim(tenant, id, Instant.now()).orElseThrow();
        });
        return new ReportClaim[] {first, second};
    }
}
