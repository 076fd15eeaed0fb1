package io.perimeter.cloud.health;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;
import org.reactivestreams.Publisher;

/**
 * With {@code perimeter.pulsar.service-url} set (ingest goes through Pulsar): ready when a broker answers a topic
 * lookup (partitioned metadata) on the client that ingest uses. A broker that answers "not found" or "not allowed" is
 * reachable too, which is all the check asks; no connection, a timeout or a broker that says it is not ready is down.
 * The lookup follows the cluster's auto-creation rules, so that a topic that does not exist is answered without the
 * client logging a warning on every probe: it creates nothing where topics are created non-partitioned (Pulsar's
 * default: the topic appears only when produced to); where the cluster creates partitioned topics automatically, the
 * first probe leaves the metadata of an empty {@value #LOOKUP_TOPIC}.
 */
@Singleton
@Readiness
@Requires(property = "perimeter.pulsar.service-url")
final class PulsarReadiness implements HealthIndicator {
    /** Any topic name does for a lookup; this one says where it comes from in the broker's log. */
    static final String LOOKUP_TOPIC = "persistent://public/default/perimeter-readiness";

    private final BeanProvider<PulsarClient> pulsar;
    private final DependencyCheck check;

    PulsarReadiness(BeanProvider<PulsarClient> pulsar, HealthSettings settings,
                    @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.pulsar = pulsar;
        this.check = new DependencyCheck("pulsar", settings.checkTimeout(), executor);
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return check.result(() -> {
            try {
                pulsar.get().getPartitionsForTopic(LOOKUP_TOPIC, true).get();
            } catch (ExecutionException e) {
                if (!brokerAnswered(e.getCause())) {
                    throw e;
                }
            }
        });
    }

    private static boolean brokerAnswered(Throwable failure) {
        return failure instanceof PulsarClientException.NotFoundException
                || failure instanceof PulsarClientException.TopicDoesNotExistException
                || failure instanceof PulsarClientException.AuthorizationException
                || failure instanceof PulsarClientException.NotAllowedException;
    }
}
