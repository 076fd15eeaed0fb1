package io.perimeter.cloud.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Rate limits in Redis through the API: per person, per edge, per tenant; 429 with Retry-After; shared buckets. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK, Service.REDIS})
class RateLimitIT {
    private static CloudApiFixture cloud;
    private static RedisEndpoint redisEndpoint;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak, RedisEndpoint redis) {
        redisEndpoint = redis;
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of(
                "perimeter.redis.uri", redis.uri(),
                "perimeter.redis.key-prefix", "test-" + UUID.randomUUID() + ":",
                // Refills so slowly that a test never sees a token come back.
                "perimeter.rate-limits.person-capacity", 4,
                "perimeter.rate-limits.person-per-second", 0.01,
                "perimeter.rate-limits.edge-capacity", 3,
                "perimeter.rate-limits.edge-per-second", 0.01,
                "perimeter.rate-limits.tenant-capacity", 5,
                "perimeter.rate-limits.tenant-per-second", 0.01));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aPersonOverTheLimitGets429WithRetryAfterAndOthersAreUnaffected() {
        List<Integer> statuses = new ArrayList<>();
        Reply last = null;
        for (int i = 0; i < 5; i++) {
            last = cloud.as("dave").inTenant("globex").get("/api/v1/edges");
            statuses.add(last.status());
        }
        assertThat(statuses).containsExactly(200, 200, 200, 200, 429);
        assertThat(last.problemType()).isEqualTo("rate-limited");
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 101L));
        assertThat(cloud.as("carol").get("/api/v1/edges").status()).isEqualTo(200);
    }

    @Test
    void anEdgeIsLimitedAloneAndATenantsEdgesTogether() {
        // Admin calls use alice's own bucket: 3 tokens for edges, 1 left over.
        List<String> acmeEdges = List.of(enroll("acme-1"), enroll("acme-2"), enroll("acme-3"));
        String first = acmeEdges.getFirst();
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Reply rotated = cloud.asEdge(first).post("/edge/v1/credential", Map.of());
            alone.add(rotated.status());
            if (rotated.status() == 200) {
                first = rotated.json().path("credential").asText();
            }
        }
        assertThat(alone).as("one edge's own bucket of 3").containsExactly(200, 200, 200, 429);

        // The tenant's bucket of 5 had 3 taken by the first edge: 2 more for the other edges together.
        List<Integer> together = new ArrayList<>();
        for (String credential : acmeEdges.subList(1, 3)) {
            for (int i = 0; i < 2; i++) {
                Reply rotated = cloud.asEdge(credential).post("/edge/v1/credential", Map.of());
                together.add(rotated.status());
                if (rotated.status() == 200) {
                    credential = rotated.json().path("credential").asText();
                }
            }
        }
        assertThat(together).as("the tenant's bucket of 5").containsExactly(200, 200, 429, 429);

        String globexEdge = enrollAs("carol", "globex-1");
        assertThat(cloud.asEdge(globexEdge).post("/edge/v1/credential", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void apiInstancesShareTheBucketsInRedis() {
        RedisClient client = RedisClient.create(redisEndpoint.uri());
        try (StatefulRedisConnection<String, String> one = client.connect();
             StatefulRedisConnection<String, String> two = client.connect()) {
            TokenBuckets first = new RedisTokenBuckets(one, "test:");
            TokenBuckets second = new RedisTokenBuckets(two, "test:");
            Limit limit = new Limit(2, 0.01);
            String key = "test:" + UUID.randomUUID();
            assertThat(first.take(key, limit).toCompletableFuture().join().allowed()).isTrue();
            assertThat(second.take(key, limit).toCompletableFuture().join().allowed()).isTrue();
            assertThat(first.take(key, limit).toCompletableFuture().join().allowed()).isFalse();
            assertThat(second.take(key, limit).toCompletableFuture().join().retryAfter().toSeconds()).isBetween(1L, 100L);
        } finally {
            client.shutdown();
        }
    }

    private static String enroll(String name) {
        return enrollAs("alice", name);
    }

    private static String enrollAs(String admin, String name) {
        String token = cloud.as(admin).post("/api/v1/edges/enrollment-tokens", Map.of("edgeName", name))
                .json().path("token").asText();
        return cloud.anonymous().post("/edge/v1/enroll", Map.of("token", token)).json().path("credential").asText();
    }
}
