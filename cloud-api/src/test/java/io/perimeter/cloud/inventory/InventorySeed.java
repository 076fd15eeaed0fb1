package io.perimeter.cloud.inventory;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.tenancy.database.TenantTransactions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Inventory and findings of one tenant as ingest stores them, written straight into the tables through a tenant
 * transaction: two services, a handful of endpoints shaped like the contract's example (templates, fields with data
 * classes, status codes, latency buckets), a run of catalog endpoints for paging, findings with redacted evidence,
 * and an edge whose capture lost events. Two values are planted where the contract leaves no room for them (an extra
 * member of a stored shape, a text fact in evidence): no API output may ever show them.
 */
public final class InventorySeed {
    /** Values that must never appear in any API output. */
    public static final String PLANTED_EMAIL = "planted.person@example.org";
    public static final String PLANTED_CARD = "4111111111111111";
    public static final int CATALOG_ENDPOINTS = 23;

    public final UUID shop = UUID.randomUUID();
    public final UUID billing = UUID.randomUUID();
    public final UUID users = UUID.randomUUID();
    public final UUID orders = UUID.randomUUID();
    public final UUID health = UUID.randomUUID();
    public final UUID pay = UUID.randomUUID();
    public final List<UUID> catalog = new ArrayList<>();
    /** The card-number finding on {@link #users}: high, API3, open. */
    public final UUID cardFinding = UUID.randomUUID();
    public final List<UUID> findings = new ArrayList<>();
    public final UUID edge = UUID.randomUUID();

    private final JdbcOperations jdbc;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private InventorySeed(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Seeds {@code tenant} of {@code cloud}. */
    public static InventorySeed into(CloudApiFixture cloud, UUID tenant) {
        InventorySeed seed = new InventorySeed(cloud.context().getBean(JdbcOperations.class));
        cloud.context().getBean(TenantTransactions.class).write(tenant, () -> {
            seed.write();
            return null;
        });
        return seed;
    }

    private void write() {
        service(shop, "shop.example.test", 8443, "node", true);
        service(billing, "billing.internal", 8080, "java", false);
        endpoint(users, shop, "GET", "/api/v1/users/{id}", 412, ago(60), new String[] {"bearer-jwt"},
                new String[] {"CARD_NUMBER", "EMAIL", "JWT"}, "{\"200\": 398, \"404\": 14}",
                "{\"count\": 398, \"sumMicros\": 3184000, \"buckets\": [{\"upperBoundMicros\": 4525, \"count\": 301},"
                        + " {\"upperBoundMicros\": 9051, \"count\": 86}, {\"upperBoundMicros\": 25600, \"count\": 11}]}",
                "{\"path\": {\"id\": {\"types\": [\"integer\"], \"required\": true, \"seen\": 412}},"
                        + " \"query\": {\"expand\": {\"types\": [\"string\"], \"required\": false, \"seen\": 37}},"
                        + " \"requestHeader\": {\"Accept\": {}, \"Authorization\": {\"dataClasses\": [\"JWT\"]},"
                        + " \"Host\": {}, \"User-Agent\": {}, \"X-Request-Id\": {}},"
                        + " \"responseHeader\": {\"Content-Type\": {}, \"Content-Length\": {}},"
                        + " \"responseBody:application/json\": {"
                        + "\"id\": {\"types\": [\"integer\"], \"required\": true, \"seen\": 398},"
                        + " \"email\": {\"types\": [\"string\"], \"formats\": [\"email\"], \"dataClasses\": [\"EMAIL\"],"
                        + " \"required\": true, \"seen\": 398, \"example\": \"" + PLANTED_EMAIL + "\"},"
                        + " \"cards[].number\": {\"types\": [\"string\"], \"dataClasses\": [\"CARD_NUMBER\"],"
                        + " \"required\": false, \"seen\": 12}},"
                        + " \"samples\": {\"card\": {\"types\": [\"" + PLANTED_CARD + "\"]}}}", 3);
        endpoint(orders, shop, "POST", "/api/v1/orders", 90, ago(120), new String[] {"bearer-jwt"},
                new String[] {"JWT", "POSTAL_ADDRESS"}, "{\"201\": 88, \"400\": 2}",
                "{\"count\": 90, \"sumMicros\": 1800000, \"buckets\": [{\"upperBoundMicros\": 25600, \"count\": 90}]}",
                "{\"requestHeader\": {\"Authorization\": {\"dataClasses\": [\"JWT\"]}, \"Content-Type\": {}},"
                        + " \"requestBody:application/json\": {"
                        + "\"items[].sku\": {\"types\": [\"string\"], \"required\": true, \"seen\": 90},"
                        + " \"items[].quantity\": {\"types\": [\"integer\"], \"required\": true, \"seen\": 90},"
                        + " \"shipping.address\": {\"types\": [\"string\"], \"dataClasses\": [\"POSTAL_ADDRESS\"],"
                        + " \"required\": true, \"seen\": 90}},"
                        + " \"responseBody:201:application/json\": {\"orderId\": {\"types\": [\"string\"],"
                        + " \"formats\": [\"uuid\"], \"required\": true, \"seen\": 88}}}", 2);
        endpoint(health, shop, "GET", "/health", 5000, ago(5), new String[] {"none"}, new String[] {},
                "{\"200\": 5000}", "{}", "{}", 0);
        endpoint(pay, billing, "POST", "/invoices/{invoiceId}/pay", 30, ago(600), new String[] {"api-key"},
                new String[] {"IBAN"}, "{\"200\": 30}",
                "{\"count\": 30, \"sumMicros\": 900000, \"buckets\": [{\"upperBoundMicros\": 51200, \"count\": 30}]}",
                "{\"path\": {\"invoiceId\": {\"types\": [\"string\"], \"formats\": [\"uuid\"], \"required\": true,"
                        + " \"seen\": 30}}, \"requestHeader\": {\"X-Api-Key\": {}},"
                        + " \"requestBody:application/json\": {\"iban\": {\"types\": [\"string\"],"
                        + " \"dataClasses\": [\"IBAN\"], \"required\": true, \"seen\": 30}}}", 1);
        for (int i = 0; i < CATALOG_ENDPOINTS; i++) {
            UUID id = UUID.randomUUID();
            catalog.add(id);
            // Groups of three share a last-seen time, so that paging has ties to break.
            endpoint(id, shop, "GET", "/api/v1/catalog/section-" + i, 100 + i % 4, ago(1000 + (i / 3) * 10),
                    new String[] {"bearer-opaque"}, i % 2 == 0 ? new String[] {"EMAIL"} : new String[] {},
                    "{\"200\": 100}", "{}", "{}", 0);
        }
        finding(cardFinding, "API3-CARD-NUMBER-UNMASKED", "API3:2023", "high", shop, users, "GET",
                "/api/v1/users/{id}", "{\"location\": \"response.body\", \"field\": \"cards[].number\","
                        + " \"dataClasses\": [\"CARD_NUMBER\"], \"facts\": {\"responses\": 12,"
                        + " \"sample\": \"" + PLANTED_CARD + "\"}, \"value\": \"" + PLANTED_EMAIL + "\"}", 12, 2);
        finding(UUID.randomUUID(), "API2-TOKEN-IN-QUERY", "API2:2023", "critical", shop, orders, "POST",
                "/api/v1/orders", "{\"location\": \"request.query\", \"dataClasses\": [\"JWT\"]}", 4, 1);
        finding(UUID.randomUUID(), "API8-MISSING-HSTS", "API8:2023", "low", shop, health, "GET", "/health",
                "{\"location\": \"response.header\", \"headerName\": \"Strict-Transport-Security\","
                        + " \"facts\": {\"missingHsts\": true}}", 5000, 0);
        finding(UUID.randomUUID(), "API3-IBAN-UNMASKED", "API3:2023", "medium", billing, pay, "POST",
                "/invoices/{invoiceId}/pay", "{\"location\": \"request.body\", \"field\": \"iban\","
                        + " \"dataClasses\": [\"IBAN\"]}", 30, 5);
        for (int i = 0; i < 6; i++) {
            finding(UUID.randomUUID(), "ATTACK-PATH-TRAVERSAL", "ATTACK", i % 2 == 0 ? "info" : "medium", shop,
                    catalog.get(i), "GET", "/api/v1/catalog/section-" + i,
                    "{\"location\": \"request.path\", \"facts\": {\"attempts\": " + (i + 1) + "}}", i + 1, 10 + i);
        }
        jdbc.prepareStatement("INSERT INTO edges (id, tenant_id, name, hostname, version, credential_hash, "
                + "last_seen_at, counters) VALUES (?, current_tenant(), 'edge-fra-01', 'fra-01', '0.1.0', ?, ?, "
                + "CAST(? AS jsonb))", statement -> {
                    statement.setObject(1, edge);
                    statement.setBytes(2, new byte[32]);
                    statement.setObject(3, ago(30));
                    statement.setString(4, "{\"events_sent\": 48211, \"events_lost\": 17, \"data_bytes_lost\": 4096,"
                            + " \"calls\": 9120, \"calls_with_gaps\": 3}");
                    return statement.executeUpdate();
                });
    }

    private OffsetDateTime ago(long seconds) {
        return now.minusSeconds(seconds).atOffset(ZoneOffset.UTC);
    }

    private void service(UUID id, String host, int port, String process, boolean tls) {
        jdbc.prepareStatement("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen) "
                + "VALUES (?, current_tenant(), ?, ?, ?, ?, ?, ?)", statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, host);
                    statement.setInt(3, port);
                    statement.setString(4, process);
                    statement.setBoolean(5, tls);
                    statement.setObject(6, ago(86_400));
                    statement.setObject(7, ago(5));
                    return statement.executeUpdate();
                });
    }

    private void endpoint(UUID id, UUID service, String method, String template, long calls, OffsetDateTime lastSeen,
                          String[] auth, String[] dataClasses, String statusCodes, String latency, String shape,
                          int principals) {
        jdbc.prepareStatement("INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, status_codes, "
                + "latency, auth, data_classes, shape, principals, first_seen, last_seen) VALUES (?, current_tenant(), "
                + "?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS text[]), CAST(? AS text[]), "
                + "CAST(? AS jsonb), ?, ?, ?)", statement -> {
                    statement.setObject(1, id);
                    statement.setObject(2, service);
                    statement.setString(3, method);
                    statement.setString(4, template);
                    statement.setLong(5, calls);
                    statement.setString(6, statusCodes);
                    statement.setString(7, latency);
                    statement.setObject(8, auth);
                    statement.setObject(9, dataClasses);
                    statement.setString(10, shape);
                    statement.setInt(11, principals);
                    statement.setObject(12, ago(86_400));
                    statement.setObject(13, lastSeen);
                    return statement.executeUpdate();
                });
    }

    private void finding(UUID id, String rule, String category, String severity, UUID service, UUID endpoint,
                         String method, String template, String evidence, long count, int daysAgo) {
        findings.add(id);
        jdbc.prepareStatement("INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, "
                + "endpoint_id, method, template, evidence, count, first_seen, last_seen) VALUES (?, current_tenant(), "
                + "md5(?), ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)", statement -> {
                    statement.setObject(1, id);
                    statement.setString(2, id.toString());
                    statement.setString(3, rule);
                    statement.setString(4, category);
                    statement.setString(5, severity);
                    statement.setObject(6, service);
                    statement.setObject(7, endpoint);
                    statement.setString(8, method);
                    statement.setString(9, template);
                    statement.setString(10, evidence);
                    statement.setLong(11, count);
                    statement.setObject(12, ago(daysAgo * 86_400L + 60));
                    statement.setObject(13, ago(daysAgo * 3_600L + 30));
                    return statement.executeUpdate();
                });
    }
}
