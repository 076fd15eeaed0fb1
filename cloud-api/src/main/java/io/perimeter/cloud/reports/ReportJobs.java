package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.SqlRows;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code report_jobs} table. Every method runs on the current transaction's connection: call it inside the
 * tenant's {@code TenantTransactions} scope, which row-level security needs anyway.
 */
@Singleton
final class ReportJobs {
    private static final String COLUMNS = "id, tenant_id, kind, format, window_from, window_to, status, progress, "
            + "attempts, requested_by, requested_at, started_at, finished_at, error, file_name, "
            + "octet_length(content) AS size, sha256";

    private final SqlRows rows;

    ReportJobs(SqlRows rows) {
        this.rows = rows;
    }

    void insert(UUID tenant, UUID id, ReportKind kind, ReportFormat format, @Nullable Instant from,
                @Nullable Instant to, String requestedBy, Instant requestedAt) {
        rows.update("INSERT INTO report_jobs (id, tenant_id, kind, format, window_from, window_to, requested_by, "
                        + "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                id, tenant, kind.id(), format.id(), time(from), time(to), requestedBy, time(requestedAt));
    }

    Optional<ReportJob> find(UUID tenant, UUID id) {
        return rows.first("SELECT " + COLUMNS + " FROM report_jobs WHERE tenant_id = ? AND id = ?",
                List.of(tenant, id), ReportJobs::job);
    }

    /** The most recent reports first. */
    List<ReportJob> recent(UUID tenant, int limit) {
        return rows.list("SELECT " + COLUMNS + " FROM report_jobs WHERE tenant_id = ? "
                + "ORDER BY requested_at DESC, id DESC LIMIT " + limit, List.of(tenant), ReportJobs::job);
    }

    Optional<ReportFile> file(UUID tenant, UUID id) {
        return rows.first("SELECT file_name, content_type, content FROM report_jobs "
                        + "WHERE tenant_id = ? AND id = ? AND status = 'done'", List.of(tenant, id),
                row -> new ReportFile(row.getString("file_name"), row.getString("content_type"),
                        row.getBytes("content")));
    }

    /**
     * Takes a queued job for this worker: the claim (with its attempt number) if it was queued and is now running,
     * empty if another worker took it.
     */
    Optional<ReportClaim> claim(UUID tenant, UUID id, Instant now) {
        return rows.first("UPDATE report_jobs SET status = 'running', attempts = attempts + 1, progress = 0, "
                        + "started_at = ?, heartbeat_at = ?, error = NULL WHERE tenant_id = ? AND id = ? "
                        + "AND status = 'queued' RETURNING attempts", List.of(time(now), time(now), tenant, id),
                row -> new ReportClaim(tenant, id, row.getInt("attempts")));
    }

    /** Marks the run alive; false if the claim is lost (the job was re-queued, taken again or failed). */
    boolean beat(ReportClaim claim, Instant now) {
        return rows.update("UPDATE report_jobs SET heartbeat_at = ? WHERE tenant_id = ? AND id = ? "
                + "AND status = 'running' AND attempts = ?", time(now), claim.tenantId(), claim.jobId(),
                claim.attempt()) == 1;
    }

    /** Records progress (and a heartbeat); false if the claim is lost. */
    boolean progress(ReportClaim claim, int percent, Instant now) {
        return rows.update("UPDATE report_jobs SET progress = ?, heartbeat_at = ? WHERE tenant_id = ? AND id = ? "
                        + "AND status = 'running' AND attempts = ?", percent, time(now), claim.tenantId(),
                claim.jobId(), claim.attempt()) == 1;
    }

    /** Stores the file and marks the job done; false (and nothing changed) if the claim is lost. */
    boolean finish(ReportClaim claim, ReportFile file, String sha256, Instant now) {
        return rows.update("UPDATE report_jobs SET status = 'done', progress = 100, finished_at = ?, heartbeat_at = ?, "
                        + "file_name = ?, content_type = ?, content = ?, sha256 = ? WHERE tenant_id = ? AND id = ? "
                        + "AND status = 'running' AND attempts = ?",
                time(now), time(now), file.fileName(), file.contentType(), file.content(), sha256, claim.tenantId(),
                claim.jobId(), claim.attempt()) == 1;
    }

    /** Marks the job failed; false (and nothing changed) if the claim is lost. */
    boolean fail(ReportClaim claim, String error, Instant now) {
        return rows.update("UPDATE report_jobs SET status = 'failed', finished_at = ?, error = ? WHERE tenant_id = ? "
                        + "AND id = ? AND status = 'running' AND attempts = ?", time(now), error, claim.tenantId(),
                claim.jobId(), claim.attempt()) == 1;
    }

    /**
     * Jobs whose worker stopped (no heartbeat for {@code staleAfter}) go back to the queue, or fail after
     * {@code maxAttempts}; returns the ids of the queued jobs, oldest first.
     */
    List<UUID> recover(UUID tenant, Duration staleAfter, int maxAttempts, Instant now) {
        Instant stale = now.minus(staleAfter);
        rows.update("UPDATE report_jobs SET status = 'failed', finished_at = ?, error = ? WHERE tenant_id = ? "
                        + "AND status = 'running' AND heartbeat_at < ? AND attempts >= ?", time(now),
                "the report's worker stopped " + maxAttempts + " times; request it again", tenant, time(stale),
                maxAttempts);
        rows.update("UPDATE report_jobs SET status = 'queued', progress = 0 WHERE tenant_id = ? AND status = 'running' "
                + "AND heartbeat_at < ?", tenant, time(stale));
        return rows.list("SELECT id FROM report_jobs WHERE tenant_id = ? AND status = 'queued' "
                + "ORDER BY requested_at, id", List.of(tenant), row -> Columns.uuid(row, "id"));
    }

    private static @Nullable OffsetDateTime time(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static ReportJob job(ResultSet row) throws SQLException {
        long size = row.getLong("size");
        Long fileSize = row.wasNull() ? null : size;
        return new ReportJob(Columns.uuid(row, "id"), Columns.uuid(row, "tenant_id"),
                ReportKind.of(row.getString("kind")).orElseThrow(), ReportFormat.of(row.getString("format")).orElseThrow(),
                Columns.instant(row, "window_from"), Columns.instant(row, "window_to"), row.getString("status"),
                row.getInt("progress"), row.getInt("attempts"), row.getString("requested_by"),
                Columns.instant(row, "requested_at"), Columns.instant(row, "started_at"),
                Columns.instant(row, "finished_at"), row.getString("error"), row.getString("file_name"), fileSize,
                row.getString("sha256"));
    }
}
