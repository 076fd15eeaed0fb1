package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.sensor.call.Headers;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * API4-NO-RATE-LIMIT: one client makes more than {@link FindingsSettings#rateThreshold()} calls to one endpoint within
 * one fixed window of {@link FindingsSettings#rateWindow()} (traffic time, not wall-clock time), and the endpoint has
 * never throttled: no 429 answer and no rate-limit header ({@code RateLimit-*}, {@code X-RateLimit-*},
 * {@code X-Rate-Limit-*}, {@code Retry-After}) seen on it. The client is the caller's principal, else the first
 * {@code X-Forwarded-For} address, else the peer address — held as a 64-bit pseudonym prefix. One occurrence per
 * client and window over the threshold.
 */
final class RateLimitRule implements Rule {
    private static final List<String> LIMIT_HEADERS = List.of("RateLimit-Limit", "RateLimit-Remaining", "RateLimit",
            "RateLimit-Policy", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-Rate-Limit-Limit",
            "X-Rate-Limit-Remaining", "Retry-After");

    private final Pseudonymizer pseudonyms;
    private final long windowMillis;
    private final int threshold;
    private final int maxClients;
    private final EngineCounters counters;
    private final TrackedEndpoints<EndpointRef, EndpointWindows> endpoints;

    RateLimitRule(FindingsSettings settings, Pseudonymizer pseudonyms, EngineCounters counters) {
        this.pseudonyms = pseudonyms;
        this.windowMillis = settings.rateWindow().toMillis();
        this.threshold = settings.rateThreshold();
        this.maxClients = settings.maxClientsPerEndpoint();
        this.counters = counters;
        this.endpoints = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                EndpointWindows::new);
    }

    /** Calls per client in its current window. */
    private static final class EndpointWindows {
        boolean throttled;
        final Map<Long, long[]> clients = new HashMap<>(); // client → {window index, calls, reported}
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API4_NO_RATE_LIMIT);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound()) {
            return;
        }
        EndpointWindows state = endpoints.get(call.endpoint());
        if (state == null) {
            return;
        }
        boolean throttles = call.status() == 429 || advertisesLimits(call.responseHeaders());
        long window = Math.floorDiv(call.at().toEpochMilli(), windowMillis);
        long client = client(call);
        long calls;
        synchronized (state) {
            if (throttles) {
                state.throttled = true;
                state.clients.clear();
            }
            if (state.throttled) {
                return;
            }
            long[] counts = state.clients.get(client);
            if (counts == null) {
                if (state.clients.size() >= maxClients) {
                    evictStale(state, window);
                }
                if (state.clients.size() >= maxClients) {
                    counters.clientsDropped.increment();
                    return;
                }
                counts = new long[] {window, 0, 0};
                state.clients.put(client, counts);
            }
            if (window > counts[0]) {
                counts[0] = window;
                counts[1] = 0;
                counts[2] = 0;
            }
            calls = ++counts[1];
            if (calls <= threshold || counts[2] != 0) {
                return;
            }
            counts[2] = 1;
        }
        sink.report(Occurrence.of(RuleId.API4_NO_RATE_LIMIT, call, Evidence.at(EvidenceLocation.RESPONSE_STATUS)
                .withFact("threshold", threshold)
                .withFact("windowSeconds", windowMillis / 1000)
                .withFact("principal", call.principal().isPresent())));
    }

    private long client(ObservedCall call) {
        if (call.principal().isPresent()) {
            return PseudonymBits.of(call.principal().get());
        }
        String forwarded = call.requestHeaders().first("X-Forwarded-For").orElse("");
        int comma = forwarded.indexOf(',');
        String address = (comma < 0 ? forwarded : forwarded.substring(0, comma)).strip();
        if (address.isEmpty()) {
            address = call.call().client().ip();
        }
        return address.isEmpty() ? 0L : PseudonymBits.of(pseudonyms.pseudonym("client", address));
    }

    private static void evictStale(EndpointWindows state, long window) {
        Iterator<long[]> it = state.clients.values().iterator();
        while (it.hasNext()) {
            if (it.next()[0] < window) {
                it.remove();
            }
        }
    }

    private static boolean advertisesLimits(Headers headers) {
        for (String name : LIMIT_HEADERS) {
            if (headers.first(name).isPresent()) {
                return true;
            }
        }
        return false;
    }
}
