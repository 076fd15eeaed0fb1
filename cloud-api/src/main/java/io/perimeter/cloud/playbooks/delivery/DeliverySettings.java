package io.perimeter.cloud.playbooks.delivery;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How playbook actions reach tenant destinations ({@code perimeter.playbooks.*}).
 *
 * @param allowPrivateDestinations allow loopback, private, link-local and other internal addresses (tests, single-tenant
 *                                 installations); off in a multi-tenant cloud, where it would be an SSRF hole
 * @param allowHttp                allow plain {@code http://} destinations (tests); otherwise HTTPS only
 * @param maxAttempts              attempts per request, the first included
 * @param backoffBase              the first retry waits up to this (full jitter), each next one up to twice as long
 * @param backoffMax               no wait is longer than this (a Retry-After included)
 * @param timeout                  per attempt, connection and answer
 */
@ConfigurationProperties("perimeter.playbooks")
public record DeliverySettings(@Bindable(defaultValue = "false") boolean allowPrivateDestinations,
                               @Bindable(defaultValue = "false") boolean allowHttp,
                               @Bindable(defaultValue = "4") int maxAttempts,
                               @Bindable(defaultValue = "500ms") Duration backoffBase,
                               @Bindable(defaultValue = "10s") Duration backoffMax,
                               @Bindable(defaultValue = "10s") Duration timeout) {
}
