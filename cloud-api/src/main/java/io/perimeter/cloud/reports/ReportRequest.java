package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;

/**
 * A report to generate.
 *
 * @param kind {@code gdpr} or {@code pci}
 * @param format {@code pdf} or {@code csv}
 * @param from the window's start (inclusive); absent: from the first observation
 * @param to the window's end; absent: up to the last observation, which is then the report's "as of" time
 */
@Serdeable
public record ReportRequest(@NotBlank String kind, @NotBlank String format, @Nullable Instant from,
                            @Nullable Instant to) {
}
