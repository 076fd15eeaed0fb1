package io.perimeter.cloud.reports;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.inventory.InventorySeed;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.tenancy.database.TenantTransactions;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The inventory of {@link InventorySeed} plus what the compliance reports look for: card numbers accepted over plain
 * HTTP without authentication (billing's {@code POST /cards}), card numbers and e-mail addresses sent to a third
 * party ({@code payments.example.com}), and a card endpoint last seen 400 days ago, outside a 30-day window.
 */
final class ReportSeed {
    final InventorySeed inventory;
    final UUID payments = UUID.randomUUID();
    final UUID charges = UUID.randomUUID();
    final UUID plainCards = UUID.randomUUID();
    final UUID legacyCards = UUID.randomUUID();
    final UUID thirdPartyFinding = UUID.randomUUID();
    final UUID plaintextFinding = UUID.randomUUID();
    final Instant now;

    private final JdbcOperations jdbc;
    private final TenantTransactions transactions;
    private final UUID tenant;

    private ReportSeed(InventorySeed inventory, JdbcOperations jdbc, TenantTransactions transactions, UUID tenant,
                       Instant now) {
        this.inventory = inventory;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tenant = tenant;
        this.now = now;
    }

    static ReportSeed into(CloudApiFixture cloud, UUID tenant) {
        InventorySeed inventory = InventorySeed.into(cloud, tenant);
        ReportSeed seed = new ReportSeed(inventory, cloud.context().getBean(JdbcOperations.class),
                cloud.context().getBean(TenantTransactions.class), tenant,
                Instant.now().truncatedTo(ChronoUnit.SECONDS));
        seed.transactions.write(tenant, () -> {
            seed.write();
            return null;
        });
        return seed;
    }

    private void write() {
        execute("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen) "
                + "VALUES (?, current_tenant(), 'payments.example.com', 443, 'java', true, ?, ?)",
                payments, ago(86_400), ago(60));
        endpoint(charges, payments, "POST", "/v1/charges", new String[] {"bearer-opaque"},
                new String[] {"CARD_NUMBER", "EMAIL"}, "{\"requestBody:application/json\": {"
                        + "\"card.number\": {\"types\": [\"string\"], \"dataClasses\": [\"CARD_NUMBER\"]},"
                        + " \"receipt_email\": {\"types\": [\"string\"], \"dataClasses\": [\"EMAIL\"]}}}",
                ago(86_400), ago(60));
        endpoint(plainCards, inventory.billing, "POST", "/cards", new String[] {"none"},
                new String[] {"CARD_NUMBER", "PERSON_NAME"}, "{\"requestBody:application/json\": {"
                        + "\"card.number\": {\"types\": [\"string\"], \"dataClasses\": [\"CARD_NUMBER\"]},"
                        + " \"name_on_card\": {\"types\": [\"string\"], \"dataClasses\": [\"PERSON_NAME\"]}}}",
                ago(86_400), ago(120));
        endpoint(legacyCards, inventory.billing, "GET", "/legacy/cards/{id}", new String[] {"basic"},
                new String[] {"CARD_NUMBER"}, "{\"responseBody:200:application/json\": {"
                        + "\"pan\": {\"types\": [\"string\"], \"dataClasses\": [\"CARD_NUMBER\"]}}}",
                ago(500L * 86_400), ago(400L * 86_400));
        finding(thirdPartyFinding, "API10-SENSITIVE-DATA-TO-THIRD-PARTY", "API10:2023", "high", payments, charges,
                "POST", "/v1/charges", "{\"location\": \"request.body\", \"dataClasses\": [\"CARD_NUMBER\", \"EMAIL\"],"
                        + " \"facts\": {\"tls\": true}}");
        finding(plaintextFinding, "API8-SENSITIVE-DATA-PLAINTEXT", "API8:2023", "high", inventory.billing, plainCards,
                "POST", "/cards", "{\"location\": \"request.body\", \"field\": \"card.number\","
                        + " \"dataClasses\": [\"CARD_NUMBER\", \"PERSON_NAME\"], \"facts\": {\"tls\": false}}");
    }

    /**
     * Data that arrives later: an API {@code late.example.test:443} (TLS, bearer tokens) whose {@code GET /profile}
     * returns e-mail addresses, first seen at {@code at}. Returns the service's id, for {@link #removeLateApi}.
     */
    UUID lateApi(Instant at) {
        UUID service = UUID.randomUUID();
        OffsetDateTime seen = at.atOffset(ZoneOffset.UTC);
        transactions.write(tenant, () -> {
            execute("INSERT INTO services (id, tenant_id, host, port, process, tls, first_seen, last_seen) "
                    + "VALUES (?, current_tenant(), 'late.example.test', 443, 'go', true, ?, ?)", service, seen, seen);
            endpoint(UUID.randomUUID(), service, "GET", "/profile", new String[] {"bearer-jwt"},
                    new String[] {"EMAIL"},
                    "{\"responseBody:200:application/json\": {\"email\": {\"types\": [\"string\"], "
                            + "\"dataClasses\": [\"EMAIL\"]}}}", seen, seen);
            return null;
        });
        return service;
    }

    void removeLateApi(UUID service) {
        transactions.write(tenant, () -> {
            execute("DELETE FROM endpoints WHERE service_id = ?", service);
            execute("DELETE FROM services WHERE id = ?", service);
            return null;
        });
    }

    private void endpoint(UUID id, UUID service, String method, String template, String[] auth, String[] classes,
                          String shape, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {
        execute("INSERT INTO endpoints (id, tenant_id, service_id, method, template, calls, auth, data_classes, shape, "
                        + "first_seen, last_seen) VALUES (?, current_tenant(), ?, ?, ?, 25, CAST(? AS text[]), "
                        + "CAST(? AS text[]), CAST(? AS jsonb), ?, ?)",
                id, service, method, template, auth, classes, shape, firstSeen, lastSeen);
    }

    private void finding(UUID id, String rule, String category, String severity, UUID service, UUID endpoint,
                         String method, String template, String evidence) {
        execute("INSERT INTO findings (id, tenant_id, key, rule, category, severity, service_id, endpoint_id, method, "
                        + "template, evidence, count, first_seen, last_seen) VALUES (?, current_tenant(), md5(?), ?, ?, "
                        + "?, ?, ?, ?, ?, CAST(? AS jsonb), 7, ?, ?)",
                id, id.toString(), rule, category, severity, service, endpoint, method, template, evidence,
                ago(3_600), ago(90));
    }

    /** Runs one statement in the tenant's transaction: a test's own change to what the seed wrote. */
    void sql(String sql, Object... parameters) {
        transactions.write(tenant, () -> {
            execute(sql, parameters);
            return null;
        });
    }

    private OffsetDateTime ago(long seconds) {
        return now.minusSeconds(seconds).atOffset(ZoneOffset.UTC);
    }

    private void execute(String sql, Object... parameters) {
        jdbc.prepareStatement(sql, statement -> {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        });
    }
}
