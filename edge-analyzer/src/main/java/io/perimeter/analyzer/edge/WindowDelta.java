package io.perimeter.analyzer.edge;

import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.discovery.ServiceKey;
import io.perimeter.analyzer.findings.Finding;
import io.perimeter.analyzer.findings.FindingKey;
import io.perimeter.analyzer.findings.InventoryAlignment;
import io.perimeter.analyzer.pipeline.TrafficAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a window adds to the batches before it. The analysis only ever accumulates (its templates and schemas keep
 * learning); the cloud adds batches up. So a window's batch is the analysis's totals now less its totals when the
 * previous window closed:
 *
 * <ul>
 *   <li><b>Endpoints</b> with calls in the window (or a finding with occurrences in it), their counts the window's
 *       ({@link EndpointCounts}), their shape the endpoint's whole shape so far, first and last seen the endpoint's.
 *       Services appear with those endpoints only.
 *   <li><b>Findings</b> with occurrences in the window, {@code count} the window's, the rest as the finding stands
 *       (first and last seen, severity, outcome, evidence).
 * </ul>
 *
 * <p><b>Templates that changed.</b> When discovery merges {@code /users/alice} into {@code /users/{param}}, the merged
 * endpoint's totals include what was shipped under the old template. Those counts are taken off the endpoint that now
 * holds them (the exact template, else the most specific one covering it, as {@link InventoryAlignment} finds it), and
 * off its findings, whose keys change with the template. What the cloud got under the old template stays there.
 *
 * <p>The first window is everything since the edge started. Keeps one inventory snapshot between windows. Not
 * thread-safe: one thread closes windows.
 */
final class WindowDelta {
    private Inventory shipped = new Inventory(Instant.EPOCH, List.of());
    private List<Finding> shippedFindings = List.of();

    /**
     * The window that ends with {@code totals}: what it adds to the totals of the previous call. {@code totals} becomes
     * the base of the next window, whether or not its batch reached the spool.
     */
    TrafficAnalysis.Snapshot next(TrafficAnalysis.Snapshot totals) {
        Baseline baseline = new Baseline(totals.inventory());
        shipped.services().forEach(baseline::add);
        shippedFindings.forEach(baseline::add);

        List<Finding> findings = new ArrayList<>();
        Set<EndpointName> withFindings = new HashSet<>();
        for (Finding finding : totals.findings()) {
            long occurrences = finding.count() - baseline.occurrences(finding.key());
            if (occurrences > 0) {
                findings.add(finding.withCount(occurrences));
                withFindings.add(new EndpointName(finding.host(), finding.port(), finding.method(), finding.template()));
            }
        }
        List<Service> services = new ArrayList<>();
        for (Service service : totals.inventory().services()) {
            List<Endpoint> endpoints = new ArrayList<>();
            for (Endpoint endpoint : service.endpoints()) {
                Endpoint window = baseline.windowOf(service.key(), endpoint);
                // A call's finding can be counted in this window while its inventory count falls in the next one
                // (the analysis runs on while the window closes): the endpoint comes along so the finding is shipped.
                if (window.calls() > 0 || withFindings.contains(EndpointName.of(service.key(), endpoint))) {
                    endpoints.add(window);
                }
            }
            if (!endpoints.isEmpty()) {
                services.add(baseline.windowOf(service, endpoints));
            }
        }
        shipped = totals.inventory();
        shippedFindings = totals.findings();
        return new TrafficAnalysis.Snapshot(new Inventory(totals.inventory().takenAt(), services), findings);
    }

    /** An endpoint as findings name it: by host and port, whatever process serves it. */
    private record EndpointName(String host, int port, String method, String template) {
        static EndpointName of(ServiceKey service, Endpoint endpoint) {
            return new EndpointName(service.host(), service.port(), endpoint.method(), endpoint.template());
        }
    }

    private record EndpointKey(ServiceKey service, String method, String template) {}

    /** What was shipped, filed under the names the current inventory gives it. */
    private static final class Baseline {
        private final InventoryAlignment now;
        private final Map<ServiceKey, Service> services = new HashMap<>();
        private final Map<EndpointKey, EndpointCounts> endpoints = new HashMap<>();
        private final Map<EndpointName, String> moved = new HashMap<>();
        private final Map<String, Long> occurrences = new HashMap<>();

        Baseline(Inventory now) {
            this.now = new InventoryAlignment(now);
        }

        void add(Service service) {
            services.put(service.key(), service);
            for (Endpoint endpoint : service.endpoints()) {
                now.endpointOf(service.key(), endpoint.method(), endpoint.template()).ifPresent(current -> {
                    endpoints.computeIfAbsent(new EndpointKey(service.key(), current.method(), current.template()),
                            key -> new EndpointCounts()).add(endpoint);
                    if (!current.template().equals(endpoint.template())) {
                        moved.put(EndpointName.of(service.key(), endpoint), current.template());
                    }
                });
            }
        }

        /** Call after the services: a finding moves with its endpoint's template, and its key with it. */
        void add(Finding finding) {
            String template = moved.get(new EndpointName(finding.host(), finding.port(), finding.method(),
                    finding.template()));
            String key = template == null ? finding.key() : FindingKey.of(finding.rule().id(), finding.host(),
                    finding.port(), finding.method(), template, finding.evidence().location().contractName(),
                    finding.evidence().field(), finding.evidence().headerName());
            occurrences.merge(key, finding.count(), Long::sum);
        }

        long occurrences(String findingKey) {
            return occurrences.getOrDefault(findingKey, 0L);
        }

        Endpoint windowOf(ServiceKey service, Endpoint endpoint) {
            EndpointCounts counts = endpoints.get(new EndpointKey(service, endpoint.method(), endpoint.template()));
            return counts == null ? endpoint : counts.subtractFrom(endpoint);
        }

        Service windowOf(Service service, List<Endpoint> endpoints) {
            Service before = services.get(service.key());
            long calls = before == null ? service.calls() : Math.max(0, service.calls() - before.calls());
            long unattributed = before == null ? service.unattributedCalls()
                    : Math.max(0, service.unattributedCalls() - before.unattributedCalls());
            return new Service(service.key(), service.tlsSeen(), service.plaintextSeen(), calls, service.firstSeen(),
                    service.lastSeen(), service.clientProcesses(), unattributed, service.templater(), endpoints);
        }
    }
}
