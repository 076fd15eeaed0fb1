-- Edges and their enrollment. Secrets are stored as SHA-256 hashes only: they are 256-bit random values, so a
-- slow password hash would add nothing but latency to every ingest request.

CREATE TABLE enrollment_tokens (
    id          uuid PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    secret_hash bytea NOT NULL,
    edge_name   text NOT NULL CHECK (edge_name ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$'),
    created_by  text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    edge_id     uuid
);
CALL isolate_by_tenant('enrollment_tokens');
CREATE POLICY enrollment_lookup ON enrollment_tokens FOR SELECT USING (id::text = lookup_key('enrollment'));

CREATE TABLE edges (
    id                    uuid PRIMARY KEY,
    tenant_id             uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name                  text NOT NULL,
    hostname              text,
    version               text,
    credential_hash       bytea NOT NULL,
    credential_issued_at  timestamptz NOT NULL DEFAULT now(),
    enrolled_at           timestamptz NOT NULL DEFAULT now(),
    revoked_at            timestamptz,
    revoked_by            text,
    last_seen_at          timestamptz,
    counters              jsonb NOT NULL DEFAULT '{}'
);
CALL isolate_by_tenant('edges');
CREATE POLICY edge_lookup ON edges FOR SELECT USING (id::text = lookup_key('edge'));
CREATE INDEX edges_by_tenant ON edges (tenant_id, enrolled_at DESC);
