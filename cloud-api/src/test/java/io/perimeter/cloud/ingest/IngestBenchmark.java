package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.cloud.ingest.IngestCloud.EnrolledEdge;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.LocalServiceEndpoints;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.PulsarEndpoint;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;

/**
 * Ingest end to end (HTTP → Pulsar → consumers → PostgreSQL) in endpoint observations per second, against the
 * PostgreSQL COPY ceiling for the same number of equivalent endpoint rows, measured in the same run on the same
 * database. Run by {@code scripts/bench-ingest}, against the local services.
 *
 * <p>Arguments: tenants, batches per tenant, endpoints per batch, concurrent senders.
 */
public final class IngestBenchmark {
    private IngestBenchmark() {}

    public static void main(String[] args) throws Exception {
        int tenants = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int batchesPerTenant = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int endpointsPerBatch = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int senders = args.length > 3 ? Integer.parseInt(args[3]) : 8;

        PostgresEndpoint database = LocalServiceEndpoints.postgres().freshDatabase("bench_ingest");
        KeycloakEndpoint keycloak = LocalServiceEndpoints.keycloak();
        PulsarEndpoint pulsar = LocalServiceEndpoints.pulsar();
        Map<String, Object> extra = new HashMap<>();
        extra.put("perimeter.pulsar.service-url", pulsar.serviceUrl());
        extra.put("perimeter.pulsar.admin-url", pulsar.adminUrl());
        extra.put("perimeter.redis.uri", LocalServiceEndpoints.redis().uri());
        extra.put("perimeter.ingest.tenant-refresh", "1s");

        try (IngestCloud cloud = IngestCloud.start(IngestCloud.properties(database, keycloak, extra))) {
            List<Tenant> onboarded = new ArrayList<>();
            List<EnrolledEdge> edges = new ArrayList<>();
            for (int t = 0; t < tenants; t++) {
                Tenant tenant = cloud.onboard();
                onboarded.add(tenant);
                edges.add(cloud.enroll(tenant));
            }
            System.out.printf("machine: %d cores, max heap %d MiB; %d tenants × %d batches × %d endpoints, %d senders%n",
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, tenants,
                    batchesPerTenant, endpointsPerBatch, senders);

            // Warm-up: JIT, producers, subscriptions, connection pool.
            run(cloud, onboarded, batches(edges, 5, endpointsPerBatch, "warm"), senders);
            List<Shipment> measured = batches(edges, batchesPerTenant, endpointsPerBatch, "run");
            Result ingest = run(cloud, onboarded, measured, senders);
            long observations = (long) tenants * batchesPerTenant * endpointsPerBatch;
            double ingestRate = observations / ingest.endToEndSeconds();
            double acceptRate = observations / ingest.acceptedSeconds();

            double copySeconds = copy(database, observations, endpointsPerBatch);
            double copyRate = observations / copySeconds;

            System.out.printf("%-52s %12s %14s%n", "", "seconds", "observations/s");
            System.out.printf("%-52s %12.2f %14.0f%n", "accepted (HTTP 202: persisted in Pulsar)",
                    ingest.acceptedSeconds(), acceptRate);
            System.out.printf("%-52s %12.2f %14.0f%n", "ingest end to end (applied in PostgreSQL)",
                    ingest.endToEndSeconds(), ingestRate);
            System.out.printf("%-52s %12.2f %14.0f%n", "COPY ceiling (same rows, same database)", copySeconds,
                    copyRate);
            System.out.printf("ratio ingest / COPY: %.1f%%%n", 100 * ingestRate / copyRate);
        }
        System.exit(0);
    }

    private record Shipment(EnrolledEdge edge, ObjectNode batch) {}

    private record Result(double acceptedSeconds, double endToEndSeconds) {}

    /** Batches of distinct endpoints (every observation is a new row, as every COPY row is). */
    private static List<Shipment> batches(List<EnrolledEdge> edges, int perTenant, int endpoints, String run) {
        List<Shipment> shipments = new ArrayList<>();
        for (int b = 0; b < perTenant; b++) {
            for (EnrolledEdge edge : edges) {
                ObjectNode batch = TestBatches.batch(edge.id(), "svc-" + (b % 4) + ".bench.test");
                ArrayNode list = (ArrayNode) batch.get("services").get(0).get("endpoints");
                ObjectNode template = (ObjectNode) list.get(0);
                list.removeAll();
                for (int e = 0; e < endpoints; e++) {
                    list.add(template.deepCopy().put("template", "/api/" + run + "/b" + b + "/e" + e + "/{id}"));
                }
                shipments.add(new Shipment(edge, batch));
            }
        }
        return shipments;
    }

    private static Result run(IngestCloud cloud, List<Tenant> tenants, List<Shipment> shipments, int senders)
            throws Exception {
        long before = applied(cloud, tenants);
        long expected = before;
        List<byte[]> bodies = new ArrayList<>();
        for (Shipment shipment : shipments) {
            bodies.add(TestBatches.gzip(TestBatches.json(shipment.batch())));
            expected += shipment.batch().get("services").get(0).get("endpoints").size();
        }
        long start = System.nanoTime();
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(senders)) {
            for (int i = 0; i < shipments.size(); i++) {
                Shipment shipment = shipments.get(i);
                byte[] body = bodies.get(i);
                replies.add(pool.submit(() -> cloud.post(shipment.edge().credential(), body,
                        Map.of("Content-Encoding", "gzip"))));
            }
        }
        for (Future<Reply> reply : replies) {
            if (reply.get().status() != 202) {
                throw new IllegalStateException("a batch was not accepted: " + reply.get());
            }
        }
        long accepted = System.nanoTime();
        long target = expected;
        IngestCloud.await("every observation applied", () -> applied(cloud, tenants) >= target);
        long done = System.nanoTime();
        return new Result((accepted - start) / 1e9, (done - start) / 1e9);
    }

    private static long applied(IngestCloud cloud, List<Tenant> tenants) {
        long total = 0;
        for (Tenant tenant : tenants) {
            total += cloud.number(tenant.id(), "SELECT coalesce(sum(observations), 0) FROM ingested_batches");
        }
        return total;
    }

    /** COPY of as many endpoint rows, with the same content, into a copy of the endpoints table and its indexes. */
    private static double copy(PostgresEndpoint database, long rows, int perService) throws Exception {
        ObjectNode endpoint = TestBatches.endpoint(TestBatches.batch(UUID.randomUUID(), "copy.bench.test"));
        EndpointShape shape = EndpointShape.of(endpoint);
        String json = csv(endpoint.get("statusCodes").toString()) + "," + csv(endpoint.get("latency").toString())
                + ",\"{bearer-jwt}\",\"{" + String.join(",", shape.dataClasses()) + "}\"," + csv(shape.json());
        try (Connection owner = DriverManager.getConnection(database.jdbcUrl(), database.username(),
                database.password())) {
            UUID tenant = UUID.randomUUID();
            try (Statement ddl = owner.createStatement()) {
                ddl.execute("CREATE TABLE bench_copy (LIKE endpoints INCLUDING ALL)");
            }
            StringBuilder data = new StringBuilder();
            UUID service = UUID.randomUUID();
            for (long i = 0; i < rows; i++) {
                if (i % perService == 0) {
                    service = UUID.randomUUID();
                }
                data.append(UUID.randomUUID()).append(',').append(tenant).append(',').append(service)
                        .append(",GET,/api/copy/e").append(i).append("/{id},412,").append(json)
                        .append(",1,2026-11-22 09:59:01+00,2026-11-22 09:59:58+00\n");
            }
            long start = System.nanoTime();
            owner.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy (id, tenant_id, service_id, "
                    + "method, template, calls, status_codes, latency, auth, data_classes, shape, principals, "
                    + "first_seen, last_seen) FROM STDIN WITH (FORMAT csv)", new StringReader(data.toString()));
            double seconds = (System.nanoTime() - start) / 1e9;
            try (Statement ddl = owner.createStatement()) {
                ddl.execute("DROP TABLE bench_copy");
            }
            return seconds;
        }
    }

    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
