package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.ServiceKey;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API9-DEPRECATED-VERSION: a 2xx answer from {@code /v1/x} after {@code /v2/x} (same service, method and template but
 * for a higher major version in the version segment) has answered 2xx: an old version that is still in use. Only calls
 * after the newer version was first seen count; the facts say which versions.
 */
final class DeprecatedVersionRule implements Rule {
    private static final Pattern VERSION = Pattern.compile("[vV](\\d{1,4})(?:\\.\\d{1,4})*");

    /** A resource across versions: the template with its version segment blanked. */
    private record Family(ServiceKey service, String method, String template) {}

    private final TrackedEndpoints<Family, AtomicInteger> newest;

    DeprecatedVersionRule(FindingsSettings settings, EngineCounters counters) {
        this.newest = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                () -> new AtomicInteger(-1));
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API9_DEPRECATED_VERSION);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded()) {
            return;
        }
        String[] segments = call.endpoint().template().split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            Matcher m = VERSION.matcher(segments[i]);
            if (!m.matches()) {
                continue;
            }
            int version = Integer.parseInt(m.group(1));
            segments[i] = "{version}";
            AtomicInteger max = newest.get(new Family(call.endpoint().service(), call.method(), String.join("/", segments)));
            if (max == null) {
                return;
            }
            int highest = max.accumulateAndGet(version, Math::max);
            if (highest > version) {
                sink.report(Occurrence.of(RuleId.API9_DEPRECATED_VERSION, call, Evidence.at(EvidenceLocation.REQUEST_PATH)
                        .withFact("calledVersion", version)
                        .withFact("newestVersion", highest)));
            }
            return; // the first version segment names the API's version
        }
    }
}
