package io.perimeter.cloud.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.cloud.ingest.IngestCloud.EnrolledEdge;
import io.perimeter.cloud.support.Reply;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Single-node ingest, without Pulsar or Redis: the request applies the batch before it answers. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class InlineIngestIT {
    private static IngestCloud cloud;
    private static Tenant tenant;
    private static Tenant other;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = IngestCloud.start(IngestCloud.properties(postgres.freshDatabase("ingest_inline"), keycloak, Map.of()));
        tenant = cloud.onboard();
        other = cloud.onboard();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aBatchIsInTheInventoryWhenTheAnswerComesAndAReplayChangesNothing() {
        EnrolledEdge edge = cloud.enroll(tenant);
        ObjectNode batch = TestBatches.batch(edge.id(), "inline.example.test");

        Reply accepted = cloud.ship(edge, batch);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isEqualTo("accepted");
        String endpoint = "SELECT %s FROM endpoints e JOIN services s ON s.id = e.service_id "
                + "WHERE s.host = 'inline.example.test'";
        assertThat(cloud.number(tenant.id(), endpoint.formatted("calls"))).isEqualTo(TestBatches.CALLS);
        assertThat(cloud.number(tenant.id(), endpoint.formatted("(status_codes ->> '404')::bigint"))).isEqualTo(14);
        assertThat(cloud.number(tenant.id(), endpoint.formatted("(latency ->> 'count')::bigint"))).isEqualTo(398);
        assertThat(cloud.number(tenant.id(), endpoint.formatted(
                "(shape -> 'responseBody:application/json' -> 'email' ->> 'seen')::bigint"))).isEqualTo(398);
        assertThat(cloud.number(tenant.id(), endpoint.formatted(
                "array_length(data_classes, 1)"))).isEqualTo(3); // CARD_NUMBER, EMAIL, JWT
        assertThat(cloud.number(tenant.id(), "SELECT count(*) FROM findings WHERE endpoint_id IS NOT NULL"))
                .isEqualTo(1);
        assertThat(cloud.number(tenant.id(), "SELECT (counters ->> 'events_sent')::bigint FROM edges WHERE id = ?",
                edge.id())).isEqualTo(48211);

        Reply replay = cloud.ship(edge, batch);
        assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
        assertThat(replay.json().path("status").asText()).isEqualTo("duplicate");
        assertThat(cloud.number(tenant.id(), endpoint.formatted("calls"))).isEqualTo(TestBatches.CALLS);
        assertThat(cloud.number(other.id(), "SELECT count(*) FROM endpoints")).isZero();
    }

    @Test
    void concurrentBatchesOnTheSameEndpointAllCount() throws Exception {
        EnrolledEdge first = cloud.enroll(other);
        EnrolledEdge second = cloud.enroll(other);
        List<Future<Reply>> replies = new ArrayList<>();
        try (ExecutorService edges = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 20; i++) {
                EnrolledEdge edge = i % 2 == 0 ? first : second;
                ObjectNode batch = TestBatches.batch(edge.id(), "shared.example.test");
                replies.add(edges.submit(() -> cloud.ship(edge, batch)));
            }
        }
        for (Future<Reply> reply : replies) {
            assertThat(reply.get().status()).as(reply.get().toString()).isEqualTo(202);
        }
        assertThat(cloud.number(other.id(), "SELECT calls FROM endpoints")).isEqualTo(20 * TestBatches.CALLS);
        assertThat(cloud.number(other.id(), "SELECT (latency ->> 'count')::bigint FROM endpoints")).isEqualTo(20 * 398);
        assertThat(cloud.number(other.id(), "SELECT count FROM findings")).isEqualTo(20 * TestBatches.FINDING_COUNT);
        assertThat(cloud.number(other.id(), "SELECT count(*) FROM ingested_batches")).isEqualTo(20);
    }
}
