package io.perimeter.analyzer.edge;

import io.perimeter.analyzer.enrollment.CloudEndpoint;
import io.perimeter.analyzer.enrollment.EdgeState;
import io.perimeter.analyzer.findings.ApiSpec;
import io.perimeter.analyzer.findings.FindingsSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the running edge is set up (from {@code edge.conf} and the command line).
 *
 * @param state         the state directory: enrollment, credential, pseudonym key, spool
 * @param cloud         the control plane, if not the one the edge enrolled with
 * @param batchInterval how long a window lasts: one batch per window
 * @param drainTimeout  how long a stopping edge keeps shipping what is spooled (only while the cloud takes it)
 * @param stopAfter     stop on its own after this long, if given
 * @param findings      the findings rules' settings
 * @param spec          the API's declared OpenAPI document, for the inventory rules
 */
public record EdgeSettings(EdgeState state, Optional<CloudEndpoint> cloud, Duration batchInterval, Duration drainTimeout,
        Optional<Duration> stopAfter, FindingsSettings findings, Optional<ApiSpec> spec) {

    public EdgeSettings {
        Objects.requireNonNull(state, "state");
        if (batchInterval.toMillis() < 1 || drainTimeout.isNegative()) {
            throw new IllegalArgumentException("the batch interval must be positive and the drain timeout not negative");
        }
    }
}
