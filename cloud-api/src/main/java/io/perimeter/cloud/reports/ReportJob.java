package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code report_jobs} without its file. */
public record ReportJob(UUID id, UUID tenantId, ReportKind kind, ReportFormat format, @Nullable Instant windowFrom,
                        @Nullable Instant windowTo, String status, int progress, int attempts, String requestedBy,
                        Instant requestedAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
                        @Nullable String error, @Nullable String fileName, @Nullable Long size,
                        @Nullable String sha256) {
    public static final String QUEUED = "queued";
    public static final String RUNNING = "running";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
}
