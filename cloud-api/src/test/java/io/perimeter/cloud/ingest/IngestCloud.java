package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perimeter.cloud.edges.Edge;
import io.perimeter.cloud.edges.EdgeRepository;
import io.perimeter.cloud.identity.SecretToken;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import java.net.http.HttpRequest;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/**
 * The cloud API for ingest tests: started on a given database (so that a test can stop it and start another on the
 * same data), with tenants of random slugs (their Pulsar topics are new in every run) and edges enrolled directly.
 */
final class IngestCloud implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    private final EmbeddedServer server;

    /** An enrolled edge and the credential it presents. */
    record EnrolledEdge(UUID id, UUID tenantId, String credential) {}

    private IngestCloud(EmbeddedServer server) {
        this.server = server;
    }

    /** The properties of an API on {@code database}, plus {@code extra}. */
    static Map<String, Object> properties(PostgresEndpoint database, KeycloakEndpoint keycloak,
                                          Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(database.cloudProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("perimeter.keycloak.url", keycloak.baseUrl());
        properties.put("perimeter.keycloak.realm", keycloak.realm());
        properties.put("perimeter.rate-limits.edge-capacity", 100_000);
        properties.put("perimeter.rate-limits.edge-per-second", 100_000);
        properties.put("perimeter.rate-limits.tenant-capacity", 100_000);
        properties.put("perimeter.rate-limits.tenant-per-second", 100_000);
        properties.putAll(extra);
        return properties;
    }

    static IngestCloud start(Map<String, Object> properties) {
        return new IngestCloud(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    ApplicationContext context() {
        return server.getApplicationContext();
    }

    Tenant onboard() {
        String slug = "ingest-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        return context().getBean(TenantOnboarding.class).onboard(slug, "Ingest test " + slug,
                new FirstAdmin("alice", null), "test");
    }

    /** An edge of {@code tenant}, as enrollment would have made it. */
    EnrolledEdge enroll(Tenant tenant) {
        UUID id = UUID.randomUUID();
        SecretToken credential = SecretToken.issue(SecretToken.EDGE_CREDENTIAL, id);
        Instant now = Instant.now();
        context().getBean(TenantTransactions.class).write(tenant.id(), () -> context().getBean(EdgeRepository.class)
                .save(new Edge(id, tenant.id(), "edge-" + id.toString().substring(0, 8), null, "0.1.0",
                        credential.hash(), now, now, null, null, null, Map.of())));
        return new EnrolledEdge(id, tenant.id(), credential.value());
    }

    void revoke(EnrolledEdge edge) {
        context().getBean(TenantTransactions.class).write(edge.tenantId(),
                () -> context().getBean(EdgeRepository.class).revoke(edge.id(), Instant.now(), "test"));
    }

    /** Sends a batch as the shipper does: gzipped, with the batch id as Idempotency-Key. */
    Reply ship(EnrolledEdge edge, ObjectNode batch) {
        return post(edge.credential(), TestBatches.gzip(TestBatches.json(batch)),
                Map.of("Content-Encoding", "gzip", "Idempotency-Key", batch.path("batchId").asText()));
    }

    Reply post(String bearer, byte[] body, Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(Map.of("Content-Type", "application/json"));
        all.putAll(headers);
        return ApiClient.bearer(server.getURI(), bearer)
                .send("POST", "/ingest/v1/batches", HttpRequest.BodyPublishers.ofByteArray(body), all);
    }

    /** One number from a query in {@code tenant}'s scope (as the application role, under row-level security). */
    long number(UUID tenant, String sql, Object... parameters) {
        return context().getBean(TenantTransactions.class).read(tenant, () -> context().getBean(JdbcOperations.class)
                .prepareStatement(sql, query -> {
                    for (int i = 0; i < parameters.length; i++) {
                        query.setObject(i + 1, parameters[i]);
                    }
                    try (ResultSet row = query.executeQuery()) {
                        return row.next() ? row.getLong(1) : 0L;
                    }
                }));
    }

    /** Every row of every table the tenant can see, as text: where a planted value would show. */
    List<String> everyRow(UUID tenant) {
        JdbcOperations jdbc = context().getBean(JdbcOperations.class);
        return context().getBean(TenantTransactions.class).read(tenant, () -> {
            List<String> tables = jdbc.prepareStatement("SELECT table_name FROM information_schema.tables "
                    + "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' "
                    + "AND table_name NOT LIKE 'flyway%'", query -> {
                List<String> names = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        names.add(rows.getString(1));
                    }
                }
                return names;
            });
            List<String> rows = new ArrayList<>();
            for (String table : tables) {
                jdbc.prepareStatement("SELECT t::text FROM " + table + " t", query -> {
                    try (ResultSet all = query.executeQuery()) {
                        while (all.next()) {
                            rows.add(table + ": " + all.getString(1));
                        }
                    }
                    return null;
                });
            }
            return rows;
        });
    }

    /** Waits until {@code condition} holds; fails the test, naming {@code what}, if it never does. */
    static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + PATIENCE.toMinutes() + " minutes");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
