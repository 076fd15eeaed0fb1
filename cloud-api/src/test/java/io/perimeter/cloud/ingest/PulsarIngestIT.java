package io.perimeter.cloud.ingest;

import static io.perimeter.cloud.ingest.IngestCloud.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.ingest.IngestCloud.EnrolledEdge;
import io.perimeter.cloud.identity.SecretToken;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.PulsarEndpoint;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Ingest with Pulsar and Redis: batches of edges of two tenants, through their topics, into their inventories. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK, Service.PULSAR, Service.REDIS})
class PulsarIngestIT {
    private static PostgresEndpoint postgres;
    private static KeycloakEndpoint keycloak;
    private static PulsarEndpoint pulsar;
    private static RedisEndpoint redis;
    private static IngestCloud cloud;
    private static Tenant tenant;
    private static EnrolledEdge edge;

    @BeforeAll
    static void start(PostgresEndpoint postgresEndpoint, KeycloakEndpoint keycloakEndpoint,
                      PulsarEndpoint pulsarEndpoint, RedisEndpoint redisEndpoint) {
        postgres = postgresEndpoint;
        keycloak = keycloakEndpoint;
        pulsar = pulsarEndpoint;
        redis = redisEndpoint;
        cloud = IngestCloud.start(properties(postgres.freshDatabase("ingest_it")));
        tenant = cloud.onboard();
        edge = cloud.enroll(tenant);
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    private static Map<String, Object> properties(PostgresEndpoint database) {
        Map<String, Object> extra = new HashMap<>();
        extra.put("perimeter.pulsar.service-url", pulsar.serviceUrl());
        extra.put("perimeter.pulsar.admin-url", pulsar.adminUrl());
        extra.put("perimeter.redis.uri", redis.uri());
        extra.put("perimeter.ingest.tenant-refresh", "1s");
        extra.put("perimeter.ingest.consumers-per-tenant", 2);
        extra.put("perimeter.ingest.max-redeliveries", 2);
        extra.put("perimeter.ingest.redelivery-delay", "100ms");
        extra.put("perimeter.ingest.max-batch-bytes", 128 * 1024);
        extra.put("micronaut.server.max-request-size", 256 * 1024);
        return IngestCloud.properties(database, keycloak, extra);
    }

    private static long applied(IngestCloud cloud, UUID tenant) {
        return cloud.number(tenant, "SELECT count(*) FROM ingested_batches");
    }

    private static long calls(IngestCloud cloud, UUID tenant) {
        return cloud.number(tenant, "SELECT coalesce(sum(calls), 0) FROM endpoints");
    }

    @Test
    void batchesOfTwoTenantsAreAppliedExactlyOnceAcrossAConsumerRestart() {
        PostgresEndpoint database = postgres.freshDatabase("ingest_restart");
        IngestCloud first = IngestCloud.start(properties(database));
        Tenant one = first.onboard();
        Tenant two = first.onboard();
        EnrolledEdge edgeOne = first.enroll(one);
        EnrolledEdge edgeTwo = first.enroll(two);
        List<ObjectNode> sentOne = new ArrayList<>();
        List<ObjectNode> sentTwo = new ArrayList<>();
        IngestCloud second = null;
        try {
            for (int i = 0; i < 15; i++) {
                sentOne.add(shipped(first, edgeOne, TestBatches.batch(edgeOne.id(), "shop-" + (i % 3) + ".one.test")));
                sentTwo.add(shipped(first, edgeTwo, TestBatches.batch(edgeTwo.id(), "api-" + (i % 2) + ".two.test")));
            }
            await("a first part applied", () -> applied(first, one.id()) > 0);
            first.close(); // the consumers stop mid-stream: parts published but not yet applied stay in the topic

            second = IngestCloud.start(properties(database));
            for (int i = 0; i < 15; i++) {
                sentOne.add(shipped(second, edgeOne, TestBatches.batch(edgeOne.id(), "shop-" + (i % 3) + ".one.test")));
                sentTwo.add(shipped(second, edgeTwo, TestBatches.batch(edgeTwo.id(), "api-" + (i % 2) + ".two.test")));
            }
            // The edge retries a batch whose answer it lost: answered, not counted again.
            Reply replay = second.ship(edgeOne, sentOne.get(3));
            assertThat(replay.status()).as(replay.toString()).isIn(200, 202);

            IngestCloud restarted = second;
            await("all 60 parts applied", () -> applied(restarted, one.id()) == 30 && applied(restarted, two.id()) == 30);

            assertThat(calls(second, one.id())).isEqualTo(30 * TestBatches.CALLS);
            assertThat(calls(second, two.id())).isEqualTo(30 * TestBatches.CALLS);
            assertThat(second.number(one.id(), "SELECT count(*) FROM services")).isEqualTo(3);
            assertThat(second.number(two.id(), "SELECT count(*) FROM services")).isEqualTo(2);
            assertThat(second.number(one.id(), "SELECT coalesce(sum(count), 0) FROM findings"))
                    .isEqualTo(30 * TestBatches.FINDING_COUNT);
            assertThat(second.number(one.id(), "SELECT count(*) FROM services WHERE host LIKE '%.two.test'")).isZero();
            assertThat(second.number(two.id(), "SELECT count(*) FROM services WHERE host LIKE '%.one.test'")).isZero();
            assertThat(second.number(one.id(), "SELECT count(*) FROM ingest_dead_letters")).isZero();
            assertThat(second.number(one.id(), "SELECT last_seen_at IS NOT NULL::int FROM edges WHERE id = ?",
                    edgeOne.id())).isEqualTo(1);
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private static ObjectNode shipped(IngestCloud cloud, EnrolledEdge edge, ObjectNode batch) {
        Reply reply = cloud.ship(edge, batch);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(202);
        assertThat(reply.json().path("batchId").asText()).isEqualTo(batch.path("batchId").asText());
        return batch;
    }

    @Test
    void aReplayedBatchIsAnsweredButNotCountedTwice() {
        ObjectNode batch = TestBatches.batch(edge.id(), "replay.example.test");
        assertThat(cloud.ship(edge, batch).status()).isEqualTo(202);
        Reply fast = cloud.ship(edge, batch);
        assertThat(fast.status()).as(fast.toString()).isEqualTo(200);
        assertThat(fast.json().path("status").asText()).isEqualTo("duplicate");
        await("the batch applied", () -> cloud.number(tenant.id(),
                "SELECT count(*) FROM ingested_batches WHERE batch_id = ?", uuid(batch)) == 1);

        // Without the Redis fast path, the database's ledger recognizes it.
        forgetInRedis(uuid(batch));
        Reply slow = cloud.ship(edge, batch);
        assertThat(slow.status()).as(slow.toString()).isEqualTo(200);
        assertThat(cloud.number(tenant.id(), "SELECT calls FROM endpoints e JOIN services s ON s.id = e.service_id "
                + "WHERE s.host = 'replay.example.test'")).isEqualTo(TestBatches.CALLS);
    }

    @Test
    void aBatchWithARawValueIsRefusedAndStoredNowhere() {
        String canary = "canary-" + UUID.randomUUID() + "@example.test";
        ObjectNode batch = TestBatches.batch(edge.id(), "canary.example.test");
        TestBatches.endpoint(batch).put("body", "{\"email\":\"" + canary + "\"}");
        ((ObjectNode) TestBatches.finding(batch).get("evidence")).put("detail", canary);

        Reply refused = cloud.ship(edge, batch);

        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.problemType()).isEqualTo("forbidden-field");
        assertThat(refused.json().path("errors").toString())
                .contains("$.services[0].endpoints[0].body", "$.findings[0].evidence.detail");
        assertThat(refused.text()).doesNotContain(canary);

        ObjectNode valueAsTemplate = TestBatches.batch(edge.id(), "canary.example.test");
        TestBatches.endpoint(valueAsTemplate).put("template", "/users/" + canary);
        Reply violation = cloud.ship(edge, valueAsTemplate);
        assertThat(violation.status()).as(violation.toString()).isEqualTo(422);
        assertThat(violation.problemType()).isEqualTo("contract-violation");
        assertThat(violation.text()).doesNotContain(canary);

        assertThat(cloud.everyRow(tenant.id())).noneMatch(row -> row.contains(canary) || row.contains("canary.example"));
        RedisClient client = RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            assertThat(connection.sync().scan(ScanArgs.Builder.matches("*" + uuid(batch) + "*").limit(10_000))
                    .getKeys()).isEmpty();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void badInputIsRefusedWithItsProblemType() {
        Reply malformed = cloud.post(edge.credential(), "{\"schema\": ".getBytes(), Map.of());
        assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
        assertThat(malformed.problemType()).isEqualTo("malformed-batch");

        Reply notGzip = cloud.post(edge.credential(), "{}".getBytes(), Map.of("Content-Encoding", "gzip"));
        assertThat(notGzip.status()).as(notGzip.toString()).isIn(400);

        ObjectNode wrong = TestBatches.batch(edge.id(), "wrong.example.test");
        wrong.put("schema", "perimeter.batch/v0");
        TestBatches.endpoint(wrong).put("calls", -1);
        Reply schema = cloud.ship(edge, wrong);
        assertThat(schema.status()).as(schema.toString()).isEqualTo(422);
        assertThat(schema.problemType()).isEqualTo("contract-violation");
        assertThat(schema.json().path("errors").size()).isGreaterThanOrEqualTo(2);
        assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));

        ObjectNode someoneElses = TestBatches.batch(UUID.randomUUID(), "other.example.test");
        Reply mismatch = cloud.ship(edge, someoneElses);
        assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(403);
        assertThat(mismatch.problemType()).isEqualTo("edge-mismatch");

        // Decompressed beyond max-batch-bytes (128 KiB) though small on the wire: a zip bomb.
        Reply bomb = cloud.post(edge.credential(), TestBatches.gzip(new byte[64 * 1024 * 1024]),
                Map.of("Content-Encoding", "gzip"));
        assertThat(bomb.status()).as(bomb.toString()).isEqualTo(413);
        // Beyond the request size (256 KiB) on the wire.
        byte[] noise = new byte[300 * 1024];
        new Random(1).nextBytes(noise);
        assertThat(cloud.post(edge.credential(), TestBatches.gzip(noise), Map.of("Content-Encoding", "gzip")).status())
                .isEqualTo(413);
        // A well-formed batch beyond max-batch-bytes, uncompressed.
        Reply big = cloud.post(edge.credential(), padded(200 * 1024), Map.of());
        assertThat(big.status()).as(big.toString()).isEqualTo(413);
        assertThat(big.problemType()).isEqualTo("too-large");

        EnrolledEdge revoked = cloud.enroll(tenant);
        cloud.revoke(revoked);
        ObjectNode batch = TestBatches.batch(revoked.id(), "revoked.example.test");
        assertThat(cloud.ship(revoked, batch).status()).isEqualTo(401);
        EnrolledEdge unknown = new EnrolledEdge(UUID.randomUUID(), tenant.id(),
                SecretToken.issue(SecretToken.EDGE_CREDENTIAL, UUID.randomUUID()).value());
        assertThat(cloud.ship(unknown, batch).status()).isEqualTo(401);

        assertThat(cloud.number(tenant.id(), "SELECT count(*) FROM services WHERE host IN "
                + "('wrong.example.test', 'other.example.test', 'revoked.example.test')")).isZero();
    }

    /** A well-formed batch, uncompressed, padded with extra services to about {@code bytes}. */
    private static byte[] padded(int bytes) {
        ObjectNode batch = TestBatches.batch(edge.id(), "big.example.test");
        ArrayNode services = (ArrayNode) batch.get("services");
        for (int i = 0; TestBatches.json(batch).length < bytes; i++) {
            services.add(((ObjectNode) services.get(0).deepCopy()).put("port", 1000 + i));
        }
        return TestBatches.json(batch);
    }

    @Test
    void aResolvedFindingSeenAgainReopensWithItsTrail() {
        ObjectNode batch = TestBatches.batch(edge.id(), "reopen.example.test");
        assertThat(cloud.ship(edge, batch).status()).isEqualTo(202);
        String key = TestBatches.finding(batch).path("key").asText();
        await("the finding stored", () -> cloud.number(tenant.id(),
                "SELECT count(*) FROM findings WHERE key = ?", key) == 1);
        Instant resolvedAt = Instant.parse(TestBatches.finding(batch).path("lastSeen").asText()).plusSeconds(60);
        cloud.context().getBean(TenantTransactions.class).write(tenant.id(), () -> cloud.context()
                .getBean(JdbcOperations.class).prepareStatement(
                        "UPDATE findings SET status = 'resolved', status_at = ? WHERE key = ?", update -> {
                            update.setTimestamp(1, Timestamp.from(resolvedAt));
                            update.setString(2, key);
                            return update.executeUpdate();
                        }));

        ObjectNode before = TestBatches.batch(edge.id(), "reopen.example.test");
        assertThat(cloud.ship(edge, before).status()).isEqualTo(202);
        ObjectNode after = TestBatches.batch(edge.id(), "reopen.example.test");
        TestBatches.finding(after).put("lastSeen", resolvedAt.plus(1, ChronoUnit.HOURS).toString());
        assertThat(cloud.ship(edge, after).status()).isEqualTo(202);
        await("both sightings applied", () -> cloud.number(tenant.id(),
                "SELECT count FROM findings WHERE key = ?", key) == 3 * TestBatches.FINDING_COUNT);

        assertThat(cloud.number(tenant.id(), "SELECT count(*) FROM findings WHERE key = ? AND status = 'open'", key))
                .isEqualTo(1);
        assertThat(cloud.number(tenant.id(), "SELECT count(*) FROM finding_events fe JOIN findings f "
                + "ON f.id = fe.finding_id WHERE f.key = ? AND fe.actor = 'perimeter' AND fe.from_status = 'resolved' "
                + "AND fe.to_status = 'open'", key)).isEqualTo(1);
    }

    @Test
    void aPoisonMessageIsDeadLetteredAndCounted() throws Exception {
        try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
             Producer<byte[]> producer = client.newProducer(Schema.BYTES)
                     .topic(IngestTopics.batches(tenant.slug())).enableBatching(false).create()) {
            producer.newMessage().key("poison").value("not a part".getBytes()).send();
        }
        await("the poison message dead-lettered", () -> cloud.number(tenant.id(),
                "SELECT count(*) FROM ingest_dead_letters WHERE batch_id IS NULL") == 1);
        // Ingest goes on.
        ObjectNode batch = TestBatches.batch(edge.id(), "after-poison.example.test");
        assertThat(cloud.ship(edge, batch).status()).isEqualTo(202);
        await("the next batch applied", () -> cloud.number(tenant.id(),
                "SELECT count(*) FROM ingested_batches WHERE batch_id = ?", uuid(batch)) == 1);
    }

    private static UUID uuid(ObjectNode batch) {
        return UUID.fromString(batch.path("batchId").asText());
    }

    private static void forgetInRedis(UUID batchId) {
        RedisClient client = RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            connection.sync().del("perimeter:ingest:batch:" + tenant.id() + ":" + batchId);
        } finally {
            client.shutdown();
        }
    }
}
