package io.perimeter.console.support;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.tenancy.database.TenantTransactions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A tenant's inventory as ingest would have left it, written as rows (ingest has its own suites): two services, a few
 * endpoints with schemas, status codes and latency, findings of several severities over the last days, and an edge
 * with capture counters that report losses.
 */
public final class ConsoleSeed {
    public final UUID shop = UUID.randomUUID();
    public final UUID billing = UUID.randomUUID();
    public final UUID users = UUID.randomUUID();
    public final UUID orders = UUID.randomUUID();
    public final UUID pay = UUID.randomUUID();
    public final UUID health = UUID.randomUUID();
    /** High, API3, open: the card number in the users endpoint's response. */
    public final UUID cardFinding = UUID.randomUUID();
    public final UUID edge = UUID.randomUUID();
    /** A GDPR report alice requested (queued: the reports worker generates it). */
    public final UUID report = UUID.randomUUID();

    private final JdbcOperations jdbc;
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private ConsoleSeed(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    public static ConsoleSeed into(ConsoleFixture cloud, UUID tenant) {
        ConsoleSeed seed = new ConsoleSeed(cloud.context().getBean(JdbcOperations.class));
        cloud.context().getBean(TenantTransactions.class).write(tenant, () -> {
            seed.write();
            return null;
        });
        return seed;
    }

    private void write() {
        jdbc.prepareStatement("INSERT INTO report_jobs (id, tenant_id, kind, format, requested_by) "
                + "VALUES (?, current_tenant(), 'gdpr', 'csv', 'alice')", statement -> {
                    statement.setObject(1, report);
                    return statement.executeUpdate();
                });
        service(shop, "shop.example.test", 8443, "node", true);
        service(billing, "billing.internal", 8080, "java", false);
        endpoint(users, shop, "GET", "/api/v1/users/{id}", 412, 60, "{bearer-jwt}", "{CARD_NUMBER,EMAIL,JWT}",
                "{\"200\": 398, \"404\": 14}",
                "{\"count\": 398, \"sumMicros\": 3184000, \"buckets\": [{\"upperBoundMicros\": 4525, \"count\": 301},"
                        + " {\"upperBoundMicros\": 9051, \"count\": 86},"
                        + " {\"upperBoundMicros\": 25600, \"count\": 11}]}",
                "{\"path\": {\"id\": {\"types\": [\"integer\"], \"required\": true, \"seen\": 412}},"
                        + " \"query\": {\"expand\": {\"types\": [\"string\"], \"required\": false, \"seen\": 37}},"
                        + " \"requestHeader\": {\"Accept\": {}, \"Authorization\": {\"dataClasses\": [\"JWT\"]}},"
                        + " \"responseHeader\": {\"Content-Type\": {}},"
                        + " \"responseBody:200:application/json\": {"
                        + "\"id\": {\"types\": [\"integer\"], \"required\": true, \"seen\": 398},"
                        + " \"email\": {\"types\": [\"string\"], \"formats\": [\"email\"],"
                        + " \"dataClasses\": [\"EMAIL\"],"
                        + " \"required\": true, \"seen\": 398},"
                        + " \"cards[].number\": {\"types\": [\"string\"], \"dataClasses\": [\"CARD_NUMBER\"],"
                        + " \"required\": false, \"seen\": 12},"
                        + " \"cards[].expiry\": {\"types\": [\"string\"], \"required\": false, \"seen\": 12}}}", 3);
        endpoint(orders, shop, "POST", "/api/v1/orders", 90, 120, "{bearer-jwt}", "{JWT,POSTAL_ADDRESS}",
                "{\"201\": 88, \"400\": 2}",
                "{\"count\": 90, \"sumMicros\": 1800000, \"buckets\": [{\"upperBoundMicros\": 25600, \"count\": 90}]}",
                "{\"requestBody:application/json\": {"
                        + "\"items[].sku\": {\"types\": [\"string\"], \"required\": true, \"seen\": 90},"
                        + " \"shipping.address\": {\"types\": [\"string\"], \"dataClasses\": [\"POSTAL_ADDRESS\"],"
                        + " \"required\": true, \"seen\": 90}}}", 2);
        endpoint(health, shop, "GET", "/health", 5000, 5, "{none}", "{}", "{\"200\": 5000}", "{}", "{}", 0);
        endpoint(pay, billing, "POST", "/invoices/{invoiceId}/pay", 30, 600, "{api-key}", "{IBAN}",
                "{\"200\": 30}",
                "{\"count\": 30, \"sumMicros\": 900000, \"buckets\": [{\"upperBoundMicros\": 51200, \"count\": 30}]}",
                "{\"requestBody:application/json\": {\"iban\": {\"types\": [\"string\"],"
                        + " \"dataClasses\": [\"IBAN\"], \"required\": true, \"seen\": 30}}}", 1);
        finding(cardFinding, "API3-CARD-NUMBER-UNMASKED", "API3:2023", "high", shop, users, "GET",
                "/api/v1/users/{id}", "{\"location\": \"response.body\", \"field\": \"cards[].number\","
                        + " \"dataClasses\": [\"CARD_NUMBER\"], \"facts\": {\"responses\": 12}}", 12, 2);
        finding(UUID.randomUUID(), "API2-TOKEN-IN-QUERY", "API2:2023", "critical", shop, orders, "POST",
                "/api/v1/orders", "{\"location\": \"request.query\", \"dataClasses\": [\"JWT\"]}", 4, 1);
        finding(UUID.randomUUID(), "API8-MISSING-HSTS", "API8:2023", "low", shop, health, "GET", "/health",
                "{\"location\": \"response.header\", \"headerName\": \"Strict-Transport-Security\"}", 5000, 0);
        finding(UUID.randomUUID(), "API8-PLAINTEXT-PERSONAL-DATA", "API8:2023", "medium", billing, pay, "POST",
                "/invoices/{invoiceId}/pay", "{\"location\": \"request.body\", \"field\": \"iban\","
                        + " \"dataClasses\": [\"IBAN\"]}", 30, 5);
        for (int day = 3; day < 20; day += 4) {
            finding(UUID.randomUUID(), "ATTACK-PATH-TRAVERSAL", "ATTACK", day % 8 == 3 ? "info" : "medium", shop,
                    health, "GET", "/health", "{\"location\": \"request.path\", \"facts\": {\"attempts\": 2}}", 2, day);
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
                    statement.setObject(6, ago(86_400 * 20));
                    statement.setObject(7, ago(5));
                    return statement.executeUpdate();
                });
    }

    private void endpoint(UUID id, UUID service, String method, String template, long calls, long lastSeenAgo,
                          String auth, String dataClasses, String statusCodes, String latency, String shape,
                          int principals) {
        jdbc.prepareStatement("INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, "
                + "status_codes, latency, auth, data_classes, shape, principals, first_seen, last_seen) "
                + "VALUES (?, current_tenant(), ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS text[]), "
                + "CAST(? AS text[]), CAST(? AS jsonb), ?, ?, ?)", statement -> {
                    statement.setObject(1, id);
                    statement.setObject(2, service);
                    statement.setString(3, method);
                    statement.setString(4, template);
                    statement.setLong(5, calls);
                    statement.setString(6, statusCodes);
                    statement.setString(7, latency);
                    statement.setString(8, auth);
                    statement.setString(9, dataClasses);
                    statement.setString(10, shape);
                    statement.setInt(11, principals);
                    statement.setObject(12, ago(86_400 * 20));
                    statement.setObject(13, ago(lastSeenAgo));
                    return statement.executeUpdate();
                });
    }

    private void finding(UUID id, String rule, String category, String severity, UUID service, UUID endpoint,
                         String method, String template, String evidence, long count, int daysAgo) {
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
        jdbc.prepareStatement("INSERT INTO finding_events (tenant_id, finding_id, actor, to_status) VALUES "
                + "(current_tenant(), ?, 'perimeter', 'open')", statement -> {
                    statement.setObject(1, id);
                    return statement.executeUpdate();
                });
    }
}
