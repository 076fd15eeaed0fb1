-- The discovered API inventory: services and their endpoints, merged from every edge's batches.

CREATE TABLE services (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    host        text NOT NULL,
    port        integer NOT NULL CHECK (port BETWEEN 0 AND 65535),
    process     text NOT NULL DEFAULT '',
    tls         boolean NOT NULL,
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    UNIQUE (tenant_id, host, port, process)
);
CALL isolate_by_tenant('services');

CREATE TABLE endpoints (
    id             uuid PRIMARY KEY,
    tenant_id      uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    service_id     uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    method         text NOT NULL,
    template       text NOT NULL,
    calls          bigint NOT NULL DEFAULT 0,
    status_codes   jsonb NOT NULL DEFAULT '{}',
    latency        jsonb NOT NULL DEFAULT '{}',
    auth           text[] NOT NULL DEFAULT '{}',
    data_classes   text[] NOT NULL DEFAULT '{}',
    shape          jsonb NOT NULL DEFAULT '{}',
    principals     integer NOT NULL DEFAULT 0,
    first_seen     timestamptz NOT NULL,
    last_seen      timestamptz NOT NULL,
    UNIQUE (tenant_id, service_id, method, template)
);
CALL isolate_by_tenant('endpoints');
CREATE INDEX endpoints_by_service ON endpoints (tenant_id, service_id, template, method);
CREATE INDEX endpoints_recent ON endpoints (tenant_id, last_seen DESC, id);
