package io.perimeter.cloud.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.testsupport.PulsarEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.admin.PulsarAdmin;
import org.apache.pulsar.client.admin.PulsarAdminException;
import org.apache.pulsar.client.api.Consumer;
import org.apache.pulsar.client.api.Message;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.SubscriptionInitialPosition;
import org.apache.pulsar.common.policies.data.TenantInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real Pulsar: a tenant and namespace of our own, one message through a persistent topic, then clean up. */
@Tag("services")
@RequiresServices(Service.PULSAR)
class PulsarSmokeIT {

    @Test
    void messageRoundTripsThroughAPersistentTopicInAFreshTenant(PulsarEndpoint pulsar) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String tenant = "smoke-" + suffix;
        String namespace = tenant + "/events";
        String topic = "persistent://" + namespace + "/api-calls";
        String key = "sensor-" + suffix;
        String payload = "{\"method\":\"GET\",\"path\":\"/v1/orders/" + suffix + "\",\"status\":200}";

        try (PulsarAdmin admin = PulsarAdmin.builder().serviceHttpUrl(pulsar.adminUrl()).build()) {
            assertThat(admin.clusters().getClusters()).contains("standalone");
            admin.tenants().createTenant(tenant, TenantInfo.builder().allowedClusters(Set.of("standalone")).build());
            try {
                admin.namespaces().createNamespace(namespace);
                assertThat(admin.namespaces().getNamespaces(tenant)).containsExactly(namespace);

                try (PulsarClient client = PulsarClient.builder()
                                .serviceUrl(pulsar.serviceUrl())
                                .operationTimeout(30, TimeUnit.SECONDS)
                                .build();
                        Consumer<String> consumer = client.newConsumer(Schema.STRING)
                                .topic(topic)
                                .subscriptionName("smoke")
                                .subscriptionInitialPosition(SubscriptionInitialPosition.Earliest)
                                .subscribe();
                        Producer<String> producer = client.newProducer(Schema.STRING)
                                .topic(topic)
                                .enableBatching(false)
                                .create()) {
                    MessageId sent = producer.newMessage().key(key).value(payload).property("tenant", tenant).send();

                    Message<String> received = consumer.receive(30, TimeUnit.SECONDS);
                    assertThat(received).as("a message within 30 s").isNotNull();
                    assertThat(received.getKey()).isEqualTo(key);
                    assertThat(received.getValue()).isEqualTo(payload);
                    assertThat(received.getProperty("tenant")).isEqualTo(tenant);
                    assertThat(received.getMessageId()).isEqualTo(sent);
                    consumer.acknowledge(received);
                }
                assertThat(admin.topics().getList(namespace)).contains(topic);

                // Clients are closed: topic, namespace and tenant go without forcing (a namespace must be empty).
                admin.topics().delete(topic);
                admin.namespaces().deleteNamespace(namespace);
                admin.tenants().deleteTenant(tenant);
                assertThat(admin.tenants().getTenants()).doesNotContain(tenant);
            } finally {
                forceDeleteIfLeft(admin, tenant, namespace);
            }
        }
    }

    /** Leaves nothing behind when an assertion failed half way. */
    private static void forceDeleteIfLeft(PulsarAdmin admin, String tenant, String namespace) {
        try {
            if (admin.tenants().getTenants().contains(tenant)) {
                if (admin.namespaces().getNamespaces(tenant).contains(namespace)) {
                    admin.namespaces().deleteNamespace(namespace, true);
                }
                admin.tenants().deleteTenant(tenant, true);
            }
        } catch (PulsarAdminException e) {
            System.err.println("could not clean up Pulsar tenant " + tenant + ": " + e.getMessage());
        }
    }
}
