package io.perimeter.cloud.ingest;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.PulsarClientException;

/**
 * The one Pulsar client of the instance, shared by the producers of ingest and the consumers of the inventory.
 * {@code perimeter.pulsar.listener-threads} is how many parts this instance applies at the same time.
 */
@Factory
@Requires(property = "perimeter.pulsar.service-url")
final class PulsarClients {

    @Singleton
    @Bean(preDestroy = "close")
    PulsarClient pulsarClient(@Value("${perimeter.pulsar.service-url}") String serviceUrl,
                              @Value("${perimeter.pulsar.listener-threads:2}") int listenerThreads)
            throws PulsarClientException {
        return PulsarClient.builder()
                .serviceUrl(serviceUrl)
                .listenerThreads(listenerThreads)
                .operationTimeout(30, TimeUnit.SECONDS)
                .build();
    }
}
