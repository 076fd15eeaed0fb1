-- Tenancy: who a session acts for, and the tables that say which tenants exist and who belongs to them.
--
-- A session names its tenant per transaction: set_config('perimeter.tenant_id', '<uuid>', true). Without it
-- current_tenant() is null, every tenant policy is false, and a query sees nothing. Besides the tenant, a session may
-- name one lookup key (perimeter.lookup.<name>): it opens exactly the rows that key names, for the few reads that
-- must happen before the tenant is known (whose credential is this, which tenants does this person belong to).

CREATE FUNCTION current_tenant() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('perimeter.tenant_id', true), '')::uuid $$;

CREATE FUNCTION operator_session() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT coalesce(current_setting('perimeter.operator', true), '') = 'on' $$;

CREATE FUNCTION lookup_key(name text) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('perimeter.lookup.' || name, true), '') $$;

-- Puts a tenant-owned table under row-level security: forced (the owner is bound too), one policy for reads and
-- writes (WITH CHECK refuses a row written for another tenant), and tenant_id defaulting to the session's tenant.
CREATE PROCEDURE isolate_by_tenant(target regclass)
    LANGUAGE plpgsql
    AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
    EXECUTE format('ALTER TABLE %s ALTER COLUMN tenant_id SET DEFAULT current_tenant()', target);
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = current_tenant()) '
                   'WITH CHECK (tenant_id = current_tenant())', target);
END
$$;

CREATE TABLE tenants (
    id         uuid PRIMARY KEY,
    slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z][a-z0-9-]{1,30}[a-z0-9]$'),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE members (
    tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    username   text NOT NULL CHECK (username ~ '^[A-Za-z0-9._@+-]{1,255}$'),
    role       text NOT NULL CHECK (role IN ('owner', 'admin', 'analyst', 'viewer')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, username)
);
CALL isolate_by_tenant('members');
-- A person's memberships, before a tenant is chosen: only the rows of the username the session looks up.
CREATE POLICY member_lookup ON members FOR SELECT USING (username = lookup_key('member'));

ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_self ON tenants FOR SELECT USING (id = current_tenant());
CREATE POLICY tenant_of_member ON tenants FOR SELECT
    USING (id IN (SELECT tenant_id FROM members WHERE username = lookup_key('member')));
-- Creating, listing and removing tenants is the platform operator's, in sessions marked as such.
CREATE POLICY tenant_operator ON tenants USING (operator_session()) WITH CHECK (operator_session());

CREATE TABLE audit_log (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    action      text NOT NULL,
    target_type text NOT NULL,
    target_id   text,
    detail      jsonb NOT NULL DEFAULT '{}'
);
CALL isolate_by_tenant('audit_log');
CREATE INDEX audit_log_recent ON audit_log (tenant_id, id DESC);
