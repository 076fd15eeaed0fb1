package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.ServiceKey;
import io.perimeter.analyzer.pipeline.CallProfile;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.sensor.call.ApiCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Passive security findings: the OWASP API Security Top 10 (2023) signals and attack attempts that can be seen in
 * traffic alone (docs/findings.md lists every rule with what triggers it and what does not). Feed it every call after
 * the {@link io.perimeter.analyzer.pipeline.Analyzer} profiled it; take {@link #snapshot(Inventory)} when a batch is
 * written.
 *
 * <p><b>Metadata only.</b> Findings carry rule, endpoint, location, field and header names, data classes and numeric
 * or boolean facts: never a value. Identities and object ids are tracked as 64-bit prefixes of keyed pseudonyms, in
 * memory only.
 *
 * <p><b>Bounded memory.</b> {@link FindingsSettings} caps open findings, tracked endpoints, identities, objects,
 * identity-object pairs and rate-limit clients; what does not fit is dropped and counted ({@link #counters()}).
 *
 * <p><b>Thread-safe.</b> {@link #observe} may be called from several threads; each rule guards its own state.
 * A rule that throws on some traffic is counted ({@code findings_rule_errors}), never propagated: a finding rule must
 * not stop the analysis.
 */
public final class FindingsEngine {
    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.rule().id())
            .thenComparing(Finding::host).thenComparingInt(Finding::port).thenComparing(Finding::template)
            .thenComparing(Finding::method).thenComparing(Finding::key);

    private final EngineCounters counters = new EngineCounters();
    private final OpenFindings open;
    private final List<Rule> rules;

    /** An engine with every rule except those that need an OpenAPI spec. */
    public FindingsEngine(FindingsSettings settings, Pseudonymizer pseudonyms) {
        this(settings, pseudonyms, Optional.empty());
    }

    /**
     * @param spec the API's declared OpenAPI document, for the inventory rules (shadow endpoints, deprecated
     *             operations); without one those rules stay silent
     */
    public FindingsEngine(FindingsSettings settings, Pseudonymizer pseudonyms, Optional<ApiSpec> spec) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(pseudonyms, "pseudonyms");
        this.open = new OpenFindings(settings.maxOpenFindings(), counters);
        this.rules = Rules.all(settings, pseudonyms, spec, counters);
    }

    /**
     * Looks at one call.
     *
     * @param call      the call as captured
     * @param profile   the analyzer's profile of it (its endpoint and where data classes were)
     * @param principal the caller's pseudonym ({@link io.perimeter.analyzer.redaction.Principals}), empty when anonymous
     */
    public void observe(ApiCall call, CallProfile profile, Optional<String> principal) {
        counters.calls.increment();
        EndpointRef endpoint = profile.endpoint();
        if (endpoint == null || !endpoint.template().startsWith("/") || endpoint.service().equals(ServiceKey.OVERFLOW)) {
            counters.callsSkipped.increment(); // not attributed to an endpoint (a cap of discovery)
            return;
        }
        ObservedCall observed = new ObservedCall(call, profile, principal);
        for (Rule rule : rules) {
            try {
                rule.observe(observed, open);
            } catch (RuntimeException e) {
                counters.ruleErrors.increment(); // the message could quote traffic: not logged
            }
        }
    }

    /**
     * Every open finding named as observed, sorted by rule, service, endpoint: for tests and local inspection. What
     * leaves the edge is {@link #snapshot(Inventory)}, whose names the inventory vouches for.
     */
    public List<Finding> snapshot() {
        List<Finding> out = open.findings();
        out.sort(ORDER);
        return out;
    }

    /**
     * Every open finding whose endpoint {@code inventory} holds, named as the inventory names it now: a template that
     * discovery has since generalised is replaced by the general one, an evidence field by the endpoint's schema path
     * it matches (left out when none does), and findings that become one are merged. Findings of endpoints the
     * inventory does not hold are left out and counted ({@code findings_unaligned}). This is the snapshot for batches.
     */
    public List<Finding> snapshot(Inventory inventory) {
        InventoryAlignment alignment = new InventoryAlignment(inventory);
        Map<OpenFindings.Identity, OpenFindings.Accumulator> aligned = new HashMap<>();
        open.copy().forEach((id, acc) -> {
            Optional<Endpoint> endpoint = alignment.endpointOf(id.service(), id.method(), id.template());
            if (endpoint.isEmpty()) {
                counters.findingsUnaligned.increment();
                return;
            }
            String field = InventoryAlignment.fieldOf(endpoint.get(), id.location(), id.field());
            // the contract names a service by host and port: two processes serving one port are one service there
            ServiceKey service = new ServiceKey(id.service().host(), id.service().port(), "");
            var key = new OpenFindings.Identity(id.rule(), service, id.method(), endpoint.get().template(),
                    id.location(), field, id.headerName());
            OpenFindings.Accumulator existing = aligned.putIfAbsent(key, acc);
            if (existing != null) {
                existing.merge(acc);
            }
        });
        List<Finding> out = new ArrayList<>(aligned.size());
        aligned.forEach((id, acc) -> out.add(acc.toFinding(id.rule(), id.service().host(), id.service().port(),
                id.method(), id.template(), id.location(), id.field(), id.headerName())));
        out.sort(ORDER);
        return out;
    }

    /** Findings open now. */
    public int openFindings() {
        return open.size();
    }

    /**
     * What the engine counted: calls seen and skipped, and what its caps made it drop (findings, endpoints,
     * identities, objects, pairs, clients), by lower-case name (fit for a batch's edge counters).
     */
    public Map<String, Long> counters() {
        return counters.asMap();
    }
}
