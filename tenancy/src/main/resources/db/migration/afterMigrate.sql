-- After every migration: the application role may read and write rows, and nothing else. It owns no table, so
-- row-level security always applies to it, and it cannot alter or drop what it does not own.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${appRole}') THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', '${appRole}');
    END IF;
END
$$;
REVOKE ALL ON SCHEMA ${flyway:defaultSchema} FROM PUBLIC;
GRANT USAGE ON SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
REVOKE ALL ON ${flyway:table} FROM ${appRole};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${flyway:defaultSchema} TO ${appRole};
