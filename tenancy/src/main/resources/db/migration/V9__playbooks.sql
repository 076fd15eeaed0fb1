-- Remediation playbooks: a tenant's own playbooks (copies of the built-in ones, edited), where their automated actions
-- deliver (destinations, with write-only secrets), and every run of a playbook on a finding with each delivery attempt.
-- Built-in playbooks live in the code (io.perimeter.cloud.playbooks.DefaultPlaybooks), not in these tables.

CREATE TABLE playbooks (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    -- Which findings it applies to: finding rules (exact) win over categories.
    rules       text[] NOT NULL DEFAULT '{}',
    categories  text[] NOT NULL DEFAULT '{}',
    -- Ordered steps for people (a JSON array of strings) and automated actions (a JSON array of objects).
    steps       jsonb NOT NULL DEFAULT '[]',
    actions     jsonb NOT NULL DEFAULT '[]',
    based_on    text,
    created_by  text NOT NULL,
    updated_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);
CALL isolate_by_tenant('playbooks');

CREATE TABLE playbook_destinations (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    kind        text NOT NULL CHECK (kind IN ('webhook', 'slack', 'jira', 'kong')),
    url         text NOT NULL CHECK (length(url) <= 2000),
    -- The signing key, the Jira token or the Kong admin token: written, used, never read back by the API.
    secret      text,
    settings    jsonb NOT NULL DEFAULT '{}',
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name)
);
CALL isolate_by_tenant('playbook_destinations');

CREATE TABLE playbook_runs (
    id            uuid PRIMARY KEY,
    tenant_id     uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    finding_id    uuid NOT NULL REFERENCES findings (id) ON DELETE CASCADE,
    -- The playbook as it was when the run was asked for: a later edit does not change what was approved.
    playbook_ref  text NOT NULL,
    playbook      jsonb NOT NULL,
    -- Each action as rendered when the run was asked for (policy files, the requests it would send, without secrets):
    -- what an approver sees is what is sent.
    actions       jsonb NOT NULL DEFAULT '[]',
    dry_run       boolean NOT NULL,
    status        text NOT NULL CHECK (status IN ('previewed', 'awaiting_approval', 'running', 'succeeded', 'failed',
                                                 'rejected')),
    requested_by  text NOT NULL,
    requested_at  timestamptz NOT NULL DEFAULT now(),
    decided_by    text,
    decided_at    timestamptz,
    finished_at   timestamptz
);
CALL isolate_by_tenant('playbook_runs');
CREATE INDEX playbook_runs_by_finding ON playbook_runs (tenant_id, finding_id, requested_at DESC);

CREATE TABLE playbook_deliveries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    run_id       uuid NOT NULL REFERENCES playbook_runs (id) ON DELETE CASCADE,
    action       integer NOT NULL,
    destination  uuid,
    attempt      integer NOT NULL,
    at           timestamptz NOT NULL DEFAULT now(),
    http_status  integer,
    outcome      text NOT NULL CHECK (outcome IN ('delivered', 'retrying', 'failed')),
    error        text CHECK (length(error) <= 500)
);
CALL isolate_by_tenant('playbook_deliveries');
CREATE INDEX playbook_deliveries_by_run ON playbook_deliveries (tenant_id, run_id, id);
