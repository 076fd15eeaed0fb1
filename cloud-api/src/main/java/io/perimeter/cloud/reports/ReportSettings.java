package io.perimeter.cloud.reports;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How reports run ({@code perimeter.reports.*}).
 *
 * @param workers reports generated at the same time by this instance
 * @param poll how often queued and abandoned jobs are looked for
 * @param staleAfter a running job without a heartbeat for this long is taken to have lost its worker
 * @param maxAttempts runs of one job before it is failed
 */
@ConfigurationProperties("perimeter.reports")
public record ReportSettings(@Bindable(defaultValue = "1") int workers,
                             @Bindable(defaultValue = "15s") Duration poll,
                             @Bindable(defaultValue = "2m") Duration staleAfter,
                             @Bindable(defaultValue = "3") int maxAttempts) {
}
