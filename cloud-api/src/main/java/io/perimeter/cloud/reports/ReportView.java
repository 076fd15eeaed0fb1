package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A report job as the API shows it: what was asked, how far it is ({@code queued}, {@code running} with
 * {@code progress} in percent, {@code done} or {@code failed}), and once done the file's name, size, SHA-256 and
 * where to download it.
 */
@Serdeable
public record ReportView(UUID id, String kind, String format, @Nullable Instant from, @Nullable Instant to,
                         String status, int progress, String requestedBy, Instant requestedAt,
                         @Nullable Instant startedAt, @Nullable Instant finishedAt, @Nullable String error,
                         @Nullable String fileName, @Nullable Long size, @Nullable String sha256,
                         @Nullable String download) {

    static ReportView of(ReportJob job) {
        boolean done = ReportJob.DONE.equals(job.status());
        return new ReportView(job.id(), job.kind().id(), job.format().id(), job.windowFrom(), job.windowTo(),
                job.status(), job.progress(), job.requestedBy(), job.requestedAt(), job.startedAt(),
                job.finishedAt(), job.error(), done ? job.fileName() : null, done ? job.size() : null,
                done ? job.sha256() : null, done ? "/api/v1/reports/" + job.id() + "/content" : null);
    }

    public boolean pending() {
        return ReportJob.QUEUED.equals(status) || ReportJob.RUNNING.equals(status);
    }
}
