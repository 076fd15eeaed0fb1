-- Findings raised by edges, and the triage that people do on them.

CREATE TABLE findings (
    id           uuid PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    key          text NOT NULL,
    rule         text NOT NULL,
    category     text NOT NULL,
    severity     text NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    service_id   uuid REFERENCES services (id) ON DELETE SET NULL,
    endpoint_id  uuid REFERENCES endpoints (id) ON DELETE SET NULL,
    method       text NOT NULL,
    template     text NOT NULL,
    evidence     jsonb NOT NULL,
    count        bigint NOT NULL,
    first_seen   timestamptz NOT NULL,
    last_seen    timestamptz NOT NULL,
    status       text NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'acknowledged', 'resolved', 'false_positive', 'risk_accepted')),
    status_at    timestamptz NOT NULL DEFAULT now(),
    assignee     text,
    UNIQUE (tenant_id, key)
);
CALL isolate_by_tenant('findings');
CREATE INDEX findings_triage ON findings (tenant_id, status, severity, last_seen DESC);
CREATE INDEX findings_by_endpoint ON findings (tenant_id, endpoint_id);

CREATE TABLE finding_events (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    finding_id   uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    at           timestamptz NOT NULL DEFAULT now(),
    actor        text NOT NULL,
    from_status  text,
    to_status    text,
    assignee     text,
    comment      text CHECK (length(comment) <= 4000)
);
CALL isolate_by_tenant('finding_events');
CREATE INDEX finding_events_by_finding ON finding_events (tenant_id, finding_id, id);
