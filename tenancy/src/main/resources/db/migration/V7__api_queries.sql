-- What the REST API's lists filter and sort on: rankings as immutable functions (so that an index can hold them and
-- the API has one definition of each), keyset indexes for every sort the API offers, and containment indexes for the
-- array filters.

-- How sensitive an endpoint is: the sum, over the distinct data classes it carries, of a weight per class. Payment
-- and government identifiers and credentials weigh most, then tokens, then personal data, then network identifiers.
CREATE FUNCTION data_class_sensitivity(classes text[]) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT coalesce(sum(CASE c
                        WHEN 'CARD_NUMBER' THEN 50
                        WHEN 'US_SSN' THEN 50
                        WHEN 'PASSWORD' THEN 40
                        WHEN 'SECRET' THEN 40
                        WHEN 'IBAN' THEN 40
                        WHEN 'JWT' THEN 20
                        WHEN 'DATE_OF_BIRTH' THEN 15
                        WHEN 'POSTAL_ADDRESS' THEN 10
                        WHEN 'PERSON_NAME' THEN 10
                        WHEN 'PHONE' THEN 10
                        WHEN 'EMAIL' THEN 10
                        WHEN 'IP_ADDRESS' THEN 5
                        ELSE 1
                    END), 0)::integer
  FROM (SELECT DISTINCT unnest(classes) AS c) distinct_classes
$$;

-- Severities in their order, for sorting: info 1 … critical 5.
CREATE FUNCTION severity_rank(severity text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
SELECT CASE severity WHEN 'critical' THEN 5 WHEN 'high' THEN 4 WHEN 'medium' THEN 3 WHEN 'low' THEN 2 ELSE 1 END
$$;

CREATE INDEX services_recent ON services (tenant_id, last_seen DESC, id DESC);
CREATE INDEX services_by_host ON services (tenant_id, host, id);

CREATE INDEX endpoints_busiest ON endpoints (tenant_id, calls DESC, id DESC);
CREATE INDEX endpoints_most_sensitive ON endpoints
    (tenant_id, data_class_sensitivity(data_classes) DESC, calls DESC, id DESC);
CREATE INDEX endpoints_data_classes ON endpoints USING gin (data_classes);
CREATE INDEX endpoints_auth ON endpoints USING gin (auth);

CREATE INDEX findings_recent ON findings (tenant_id, last_seen DESC, id DESC);
CREATE INDEX findings_opened ON findings (tenant_id, first_seen DESC, id DESC);
CREATE INDEX findings_most_severe ON findings (tenant_id, severity_rank(severity) DESC, last_seen DESC, id DESC);
CREATE INDEX findings_by_service ON findings (tenant_id, service_id);

-- Substring search (host, template) runs as ILIKE '%…%' everywhere; where the server has pg_trgm and the owner may
-- create it (a trusted extension since PostgreSQL 13), trigram indexes make that search indexed. Without it the same
-- queries work, scanning the tenant's rows. The extension gets a schema of its own: its functions are not the
-- application's to call (only the indexes use them), and the grants after each migration leave that schema alone.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        CREATE SCHEMA IF NOT EXISTS trigram;
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA trigram;
        EXECUTE 'CREATE INDEX services_host_search ON services USING gin (host trigram.gin_trgm_ops)';
        EXECUTE 'CREATE INDEX endpoints_template_search ON endpoints USING gin (template trigram.gin_trgm_ops)';
    END IF;
EXCEPTION
    WHEN insufficient_privilege THEN
        RAISE NOTICE 'pg_trgm could not be created: host and template search will scan instead of using an index';
END
$$;
