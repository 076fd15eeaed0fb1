-- Compliance reports (GDPR record of processing, PCI-DSS v4.0 evidence): one row per requested report, its progress,
-- and, once done, the file. A report is computed from the tenant's inventory and findings only, so running a job again
-- gives the same bytes: a job whose worker stopped (its heartbeat went stale) is queued again, up to three attempts.

CREATE TABLE report_jobs (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    kind          text NOT NULL CHECK (kind IN ('gdpr', 'pci')),
    format        text NOT NULL CHECK (format IN ('pdf', 'csv')),
    window_from   timestamptz,
    window_to     timestamptz,
    status        text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    progress      integer NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    attempts      integer NOT NULL DEFAULT 0,
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    started_at    timestamptz,
    heartbeat_at  timestamptz,
    finished_at   timestamptz,
    error         text,
    file_name     text,
    content_type  text,
    content       bytea,
    sha256        text,
    CHECK (window_from IS NULL OR window_to IS NULL OR window_from < window_to)
);
CALL isolate_by_tenant('report_jobs');
CREATE INDEX report_jobs_recent ON report_jobs (tenant_id, requested_at DESC, id DESC);
CREATE INDEX report_jobs_pending ON report_jobs (tenant_id, status) WHERE status IN ('queued', 'running');
