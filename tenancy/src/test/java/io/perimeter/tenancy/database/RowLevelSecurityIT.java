package io.perimeter.tenancy.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Membership;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.tenancy.tenant.TenantRepository;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Row-level security as the schema defines it, checked from the catalog so that a table added later is covered
 * without touching this test: every table with a {@code tenant_id} is isolated, forced, and seeded here (the test
 * fails until a new table gets a seed row), and the application role sees nothing without a tenant.
 */
@Tag("services")
@RequiresServices(Service.POSTGRES)
class RowLevelSecurityIT {
    private static PostgresEndpoint database;
    private static ApplicationContext context;
    private static Tenant acme;
    private static Tenant globex;

    @BeforeAll
    static void migrateAndSeed(PostgresEndpoint postgres) throws SQLException {
        database = postgres.freshDatabase("rls_it");
        context = ApplicationContext.run(database.cloudProperties());
        TenantOnboarding onboarding = context.getBean(TenantOnboarding.class);
        acme = onboarding.onboard("acme", "Acme", new FirstAdmin("alice", null), "test");
        globex = onboarding.onboard("globex", "Globex", new FirstAdmin("carol", null), "test");
        for (Tenant tenant : List.of(acme, globex)) {
            seed(tenant);
        }
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void everyTenantOwnedTableIsForcedUnderRowLevelSecurity() throws SQLException {
        List<String> unprotected = new ArrayList<>();
        try (Connection owner = ownerConnection(); Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                            EXISTS (SELECT FROM pg_policies p WHERE p.tablename = c.relname
                                     AND p.policyname = 'tenant_isolation') AS isolated
                       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
                      WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace""")) {
            while (rows.next()) {
                if (!rows.getBoolean(2) || !rows.getBoolean(3) || !rows.getBoolean(4)) {
                    unprotected.add(rows.getString(1));
                }
            }
        }
        assertThat(tenantOwnedTables()).contains("members", "edges", "endpoints", "findings", "audit_log");
        assertThat(unprotected).as("tenant-owned tables without forced row-level security").isEmpty();
    }

    @Test
    void theApplicationRoleOwnsNothingAndCannotBypassRowLevelSecurity() throws SQLException {
        try (Connection owner = ownerConnection();
             PreparedStatement query = owner.prepareStatement("""
                     SELECT r.rolsuper, r.rolbypassrls, r.rolcreaterole,
                            (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
                       FROM pg_roles r WHERE r.rolname = ?""")) {
            query.setString(1, database.appUsername());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("application role exists").isTrue();
                assertThat(rows.getBoolean(1)).as("superuser").isFalse();
                assertThat(rows.getBoolean(2)).as("bypassrls").isFalse();
                assertThat(rows.getBoolean(3)).as("createrole").isFalse();
                assertThat(rows.getLong(4)).as("relations owned").isZero();
            }
        }
    }

    @Test
    void withoutATenantTheApplicationRoleSeesNoRowInAnyTable() throws SQLException {
        try (Connection app = appConnection(); Statement statement = app.createStatement()) {
            for (String table : tenantOwnedTablesAndTenants()) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("rows of %s visible without a tenant", table).isZero();
                }
            }
        }
    }

    @Test
    void aTenantSessionSeesItsOwnRowsInEveryTableAndNoOthers() throws SQLException {
        for (String table : tenantOwnedTables()) {
            assertThat(countIn(acme, "SELECT count(*) FROM " + table)).as("acme's rows in %s", table).isPositive();
            assertThat(countIn(acme, "SELECT count(*) FROM " + table + " WHERE tenant_id <> '" + acme.id() + "'"))
                    .as("other tenants' rows in %s seen by acme", table).isZero();
        }
        assertThat(countIn(acme, "SELECT count(*) FROM tenants")).isOne();
    }

    @Test
    void aRowWrittenForAnotherTenantIsRefused() throws SQLException {
        try (Connection app = appConnection()) {
            app.setAutoCommit(false);
            scope(app, acme.id());
            try (PreparedStatement insert = app.prepareStatement(
                    "INSERT INTO members (tenant_id, username, role) VALUES (?, 'mallory', 'owner')")) {
                insert.setObject(1, globex.id());
                assertThatThrownBy(insert::execute).isInstanceOf(SQLException.class)
                        .hasMessageContaining("row-level security");
            }
            app.rollback();
        }
    }

    @Test
    void theApplicationRoleCannotChangeTheSchema() throws SQLException {
        try (Connection app = appConnection(); Statement statement = app.createStatement()) {
            assertThatThrownBy(() -> statement.execute("ALTER TABLE findings DISABLE ROW LEVEL SECURITY"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("owner");
            assertThatThrownBy(() -> statement.execute("SELECT * FROM flyway_schema_history"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        }
    }

    @Test
    void aMemberLookupOpensThatPersonsMembershipsOnly() {
        TenantTransactions transactions = context.getBean(TenantTransactions.class);
        MemberRepository members = context.getBean(MemberRepository.class);
        List<Membership> carol = transactions.lookUp(Lookup.MEMBER, "carol", () -> members.memberships("carol"));
        assertThat(carol).extracting(Membership::slug).containsExactly("globex");
        assertThat(carol.getFirst().role()).isEqualTo("owner");
        // A lookup for one person does not open another's rows.
        assertThat(transactions.lookUp(Lookup.MEMBER, "carol", () -> members.memberships("alice"))).isEmpty();
    }

    @Test
    void aTransactionOfOneTenantCannotBeReScopedToAnother() {
        TenantTransactions transactions = context.getBean(TenantTransactions.class);
        TenantRepository tenants = context.getBean(TenantRepository.class);
        assertThat(transactions.read(acme.id(), () -> transactions.read(acme.id(), tenants::count))).isOne();
        assertThatThrownBy(() -> transactions.read(acme.id(), () -> transactions.read(globex.id(), tenants::count)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(transactions.read(acme.id(), transactions::currentTenant)).contains(acme.id());
    }

    @Test
    void onboardingTwiceKeepsOneTenantAndOffboardingRemovesEveryRow() throws SQLException {
        TenantOnboarding onboarding = context.getBean(TenantOnboarding.class);
        Tenant first = onboarding.onboard("initech", "Initech", new FirstAdmin("peter", null), "test");
        Tenant again = onboarding.onboard("initech", "Initech", new FirstAdmin("peter", null), "test");
        assertThat(again.id()).isEqualTo(first.id());
        seed(first);
        assertThat(countIn(first, "SELECT count(*) FROM members")).isOne();

        assertThat(onboarding.offboard("initech")).isTrue();
        for (String table : tenantOwnedTables()) {
            assertThat(countIn(first, "SELECT count(*) FROM " + table)).as("%s after offboarding", table).isZero();
        }
        assertThat(onboarding.offboard("initech")).isFalse();
    }

    /** One row in every tenant-owned table, written by the application role in the tenant's session. */
    private static void seed(Tenant tenant) throws SQLException {
        UUID edge = UUID.randomUUID();
        UUID service = UUID.randomUUID();
        UUID endpoint = UUID.randomUUID();
        UUID finding = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        String[] statements = {
            "INSERT INTO audit_log (actor, action, target_type) VALUES ('test', 'seeded', 'tenant')",
            "INSERT INTO enrollment_tokens (id, secret_hash, edge_name, created_by, expires_at) "
                    + "VALUES (gen_random_uuid(), '\\x00', 'edge-1', 'test', now() + interval '1 hour')",
            "INSERT INTO edges (id, name, credential_hash) VALUES ('" + edge + "', 'edge-1', '\\x00')",
            "INSERT INTO services (id, host, port, tls, first_seen, last_seen) "
                    + "VALUES ('" + service + "', 'shop.test', 443, true, now(), now())",
            "INSERT INTO endpoints (id, service_id, method, template, first_seen, last_seen) "
                    + "VALUES ('" + endpoint + "', '" + service + "', 'GET', '/users/{id}', now(), now())",
            "INSERT INTO findings (id, key, rule, category, severity, service_id, endpoint_id, method, template, "
                    + "evidence, count, first_seen, last_seen) VALUES ('" + finding + "', md5(random()::text), "
                    + "'API1-BOLA', 'API1:2023', 'high', '" + service + "', '" + endpoint + "', 'GET', "
                    + "'/users/{id}', '{}', 1, now(), now())",
            "INSERT INTO finding_events (finding_id, actor, to_status) VALUES ('" + finding + "', 'test', 'open')",
            "INSERT INTO ingested_batches (batch_id, part, edge_id, observations) "
                    + "VALUES (gen_random_uuid(), 0, '" + edge + "', 1)",
            "INSERT INTO ingest_dead_letters (reason) VALUES ('seeded')",
            "INSERT INTO report_jobs (id, kind, format, requested_by) VALUES (gen_random_uuid(), 'gdpr', 'pdf', 'test')",
            "INSERT INTO playbooks (id, name, created_by, updated_by) VALUES (gen_random_uuid(), 'seeded', 'test', 'test')",
            "INSERT INTO playbook_destinations (id, name, kind, url, created_by) "
                    + "VALUES (gen_random_uuid(), 'seeded', 'webhook', 'https://hooks.test/x', 'test')",
            "INSERT INTO playbook_runs (id, finding_id, playbook_ref, playbook, dry_run, status, requested_by) "
                    + "VALUES ('" + run + "', '" + finding + "', 'builtin', '{}', true, 'previewed', 'test')",
            "INSERT INTO playbook_deliveries (run_id, action, attempt, outcome) VALUES ('" + run + "', 0, 1, 'failed')",
        };
        Set<String> seeded = new TreeSet<>(List.of("members"));
        try (Connection app = appConnection()) {
            app.setAutoCommit(false);
            scope(app, tenant.id());
            try (Statement statement = app.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                    seeded.add(sql.split(" ")[2]);
                }
            }
            app.commit();
        }
        assertThat(seeded).as("every tenant-owned table has a seed row here").isEqualTo(tenantOwnedTables());
    }

    private static long countIn(Tenant tenant, String sql) throws SQLException {
        try (Connection app = appConnection()) {
            app.setAutoCommit(false);
            scope(app, tenant.id());
            try (Statement statement = app.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            } finally {
                app.rollback();
            }
        }
    }

    private static void scope(Connection app, UUID tenant) throws SQLException {
        try (PreparedStatement set = app.prepareStatement("SELECT set_config('perimeter.tenant_id', ?, true)")) {
            set.setString(1, tenant.toString());
            set.execute();
        }
    }

    private static Set<String> tenantOwnedTables() throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (Connection owner = ownerConnection(); Statement statement = owner.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT c.relname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
                      WHERE a.attname = 'tenant_id' AND c.relkind = 'r'
                        AND c.relnamespace = 'public'::regnamespace""")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static Set<String> tenantOwnedTablesAndTenants() throws SQLException {
        Set<String> tables = tenantOwnedTables();
        tables.add("tenants");
        return tables;
    }

    private static Connection ownerConnection() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }

    private static Connection appConnection() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.appUsername(), database.appPassword());
    }
}
