package io.perimeter.cloud.bench;

import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.LocalServiceEndpoints;
import io.perimeter.testsupport.PostgresEndpoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * API latency of an inventory page (GET /api/v1/endpoints, 50 rows) with 100,000 endpoints across 100 tenants,
 * against the same page of a tenant that owns 10 endpoints, measured in the same process on the same database: the
 * ratio shows what the other tenants' rows cost a tenant (row-level security plus the tenant-leading indexes should
 * make it close to 1). Run by {@code scripts/bench-api}; needs PostgreSQL and Keycloak.
 *
 * <p>Arguments: tenants, endpoints per tenant, concurrent clients, seconds per measurement.
 */
public final class InventoryPageBenchmark {
    private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
    private static final String[] CLASSES = {"EMAIL", "PHONE", "CARD_NUMBER", "PERSON_NAME", "IP_ADDRESS"};

    private InventoryPageBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perTenant = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;

        PostgresEndpoint postgres = LocalServiceEndpoints.postgres();
        KeycloakEndpoint keycloak = LocalServiceEndpoints.keycloak();
        Map<String, Object> extra = new HashMap<>();
        // Organizations in Keycloak, so that alice's token names every tenant she is made a member of.
        extra.put("perimeter.keycloak.admin-client-secret", keycloak.apiClientSecret());
        extra.put("perimeter.rate-limits.person-capacity", 1_000_000);
        extra.put("perimeter.rate-limits.person-per-second", 1_000_000);

        List<Tenant> big = new ArrayList<>();
        try (CloudApiFixture cloud = CloudApiFixture.start(postgres, keycloak, extra)) {
            TenantOnboarding onboarding = cloud.context().getBean(TenantOnboarding.class);
            try {
                long seeding = System.nanoTime();
                Tenant small = onboarding.onboard("bench-small", "Small", new FirstAdmin("alice", null), "bench");
                seed(cloud, small, 10);
                for (int t = 0; t < tenants; t++) {
                    Tenant tenant = onboarding.onboard(String.format("bench-t%03d", t), "Bench " + t,
                            new FirstAdmin("alice", null), "bench");
                    seed(cloud, tenant, perTenant);
                    big.add(tenant);
                }
                analyze(cloud);
                System.out.printf("seeded %d tenants × %d endpoints (+ 1 tenant × 10) in %.1f s; %d cores; %d clients, "
                                + "%d s per measurement%n", tenants, perTenant, (System.nanoTime() - seeding) / 1e9,
                        Runtime.getRuntime().availableProcessors(), clients, seconds);

                ApiClient alice = cloud.as("alice");
                Supplier<String> bigTenant = () -> big.get(ThreadLocalRandom.current().nextInt(big.size())).slug();
                measure("warm-up", alice, () -> "bench-small", "/api/v1/endpoints?limit=50", clients, seconds / 2);
                measure("warm-up", alice, bigTenant, "/api/v1/endpoints?limit=50", clients, seconds / 2);

                System.out.printf("%-58s %9s %9s %9s %9s%n", "", "req/s", "p50 ms", "p99 ms", "max ms");
                Stats baseline = measure("baseline: tenant with 10 endpoints, first page", alice, () -> "bench-small",
                        "/api/v1/endpoints?limit=50", clients, seconds);
                Stats page = measure("tenant with " + perTenant + " of " + tenants * perTenant + ", first page", alice,
                        bigTenant, "/api/v1/endpoints?limit=50", clients, seconds);
                Stats filtered = measure("same, filtered (dataClass=EMAIL, sort=calls)", alice, bigTenant,
                        "/api/v1/endpoints?limit=50&dataClass=EMAIL&sort=calls", clients, seconds);
                System.out.printf("p99 ratio to the baseline: first page %.2f, filtered %.2f%n",
                        page.p99() / baseline.p99(), filtered.p99() / baseline.p99());
            } finally {
                for (Tenant tenant : big) {
                    onboarding.offboard(tenant.slug()); // the Keycloak organizations go too
                }
                onboarding.offboard("bench-small");
            }
        }
    }

    private record Stats(double perSecond, double p50, double p99, double max) {}

    private static Stats measure(String label, ApiClient client, Supplier<String> tenant, String path, int clients,
                                 int seconds) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[2_000_000];
            samples.add(mine);
            threads.add(Thread.ofPlatform().start(() -> {
                int n = 0;
                while (running.get() && n < mine.length - 1) {
                    long start = System.nanoTime();
                    Reply reply = client.inTenant(tenant.get()).get(path);
                    mine[++n] = System.nanoTime() - start;
                    if (reply.status() != 200) {
                        synchronized (failures) {
                            failures.add(reply.toString());
                        }
                    }
                }
                mine[0] = n;
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " requests failed, e.g. " + failures.getFirst());
        }
        long[] all = samples.stream().flatMapToLong(s -> Arrays.stream(s, 1, (int) s[0] + 1)).sorted().toArray();
        Stats stats = new Stats(all.length / (double) seconds, all[all.length / 2] / 1e6,
                all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6);
        if (!label.equals("warm-up")) {
            System.out.printf("%-58s %9.0f %9.2f %9.2f %9.2f%n", label, stats.perSecond(), stats.p50(), stats.p99(),
                    stats.max());
        }
        return stats;
    }

    /** {@code count} endpoints over count/100 + 1 services, as ingest would have written them. */
    private static void seed(CloudApiFixture cloud, Tenant tenant, int count) {
        DataSource data = cloud.context().getBean(DataSource.class);
        cloud.context().getBean(TenantTransactions.class).write(tenant.id(), () -> {
            try (Connection connection = data.getConnection();
                 PreparedStatement service = connection.prepareStatement("INSERT INTO services (id, tenant_id, host, "
                         + "port, process, tls, first_seen, last_seen) VALUES (?, current_tenant(), ?, 443, 'node', "
                         + "true, now() - interval '7 days', now())");
                 PreparedStatement endpoint = connection.prepareStatement("INSERT INTO endpoints (id, tenant_id, "
                         + "service_id, method, template, calls, status_codes, auth, data_classes, first_seen, "
                         + "last_seen) VALUES (?, current_tenant(), ?, ?, ?, ?, '{\"200\": 90, \"404\": 10}', "
                         + "'{bearer-jwt}', ?, now() - interval '7 days', now() - make_interval(secs => ?))")) {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                UUID current = null;
                for (int i = 0; i < count; i++) {
                    if (i % 100 == 0) {
                        current = UUID.randomUUID();
                        service.setObject(1, current);
                        service.setString(2, "svc-" + i / 100 + "." + tenant.slug() + ".internal");
                        service.executeUpdate();
                    }
                    endpoint.setObject(1, UUID.randomUUID());
                    endpoint.setObject(2, current);
                    endpoint.setString(3, METHODS[i % METHODS.length]);
                    endpoint.setString(4, "/api/v1/resource-" + i / 4 + "/{id}");
                    endpoint.setLong(5, random.nextLong(1, 100_000));
                    endpoint.setArray(6, connection.createArrayOf("text",
                            new Object[] {CLASSES[random.nextInt(CLASSES.length)]}));
                    endpoint.setDouble(7, random.nextDouble(0, 86_400));
                    endpoint.addBatch();
                }
                endpoint.executeBatch();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
    }

    /** Fresh statistics, as autovacuum would have them on a database that grew over time (as the owner: ANALYZE). */
    private static void analyze(CloudApiFixture cloud) throws SQLException {
        String url = cloud.context().getProperty("datasources.default.url", String.class).orElseThrow();
        PostgresEndpoint owner = LocalServiceEndpoints.postgres();
        try (Connection connection = DriverManager.getConnection(url, owner.username(), owner.password());
             Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }
}
