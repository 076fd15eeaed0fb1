package io.perimeter.cloud.playbooks.delivery;

import io.micronaut.core.annotation.Nullable;

/**
 * One attempt to send one request: {@code delivered} (2xx), {@code retrying} (5xx, 429, no answer: another attempt
 * follows) or {@code failed} (any other answer, or the last attempt). {@code error} is our words, never the
 * destination's answer body.
 */
public record DeliveryAttempt(int attempt, @Nullable Integer httpStatus, String outcome, @Nullable String error) {
}
