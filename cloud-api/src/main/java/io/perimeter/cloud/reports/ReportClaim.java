package io.perimeter.cloud.reports;

import java.util.UUID;

/**
 * One run of a report job: the job and the attempt number its claim gave it. The attempt is the fencing token: every
 * later write of the run (heartbeat, progress, file, failure) applies only while the job is still {@code running} at
 * this attempt, so a worker whose job was re-queued (its heartbeat went stale) and claimed again cannot overwrite the
 * newer run's result.
 */
record ReportClaim(UUID tenantId, UUID jobId, int attempt) {
}
