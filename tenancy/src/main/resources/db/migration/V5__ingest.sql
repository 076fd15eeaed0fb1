-- What ingest has applied, so that a batch delivered twice (a retry, a redelivery) counts once.

CREATE TABLE ingested_batches (
    tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    batch_id     uuid NOT NULL,
    part         integer NOT NULL,
    edge_id      uuid NOT NULL,
    applied_at   timestamptz NOT NULL DEFAULT now(),
    observations integer NOT NULL,
    PRIMARY KEY (tenant_id, batch_id, part)
);
CALL isolate_by_tenant('ingested_batches');

CREATE TABLE ingest_dead_letters (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    batch_id    uuid,
    part        integer,
    at          timestamptz NOT NULL DEFAULT now(),
    reason      text NOT NULL
);
CALL isolate_by_tenant('ingest_dead_letters');
