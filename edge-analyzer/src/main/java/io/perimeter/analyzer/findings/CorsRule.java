package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * API8-CORS-CREDENTIALS: an answer with {@code Access-Control-Allow-Credentials: true} whose
 * {@code Access-Control-Allow-Origin} is {@code *} ({@code wildcardOrigin}; browsers refuse it, but it shows intent),
 * {@code null} ({@code nullOrigin}; sandboxed frames and {@code file:} pages send it), an echo of a request
 * {@code Origin} on another site ({@code foreignOriginReflected}; "site" compared as the last two labels of the host
 * names, a heuristic that treats {@code a.co.uk} and {@code b.co.uk} as one site), or an echo of at least
 * {@link FindingsSettings#corsReflectedOrigins()} distinct origins ({@code reflectedOrigins}): an origin allow-list
 * that is in fact "any".
 */
final class CorsRule implements Rule {
    private static final int MAX_ORIGINS = 64;

    private final Pseudonymizer pseudonyms;
    private final int reflectedThreshold;
    private final TrackedEndpoints<EndpointRef, LongSet> origins;

    CorsRule(FindingsSettings settings, Pseudonymizer pseudonyms, EngineCounters counters) {
        this.pseudonyms = pseudonyms;
        this.reflectedThreshold = settings.corsReflectedOrigins();
        this.origins = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                () -> new LongSet(Math.max(MAX_ORIGINS, reflectedThreshold)));
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API8_CORS_CREDENTIALS);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound()) {
            return;
        }
        boolean credentials = call.responseHeaders().first("Access-Control-Allow-Credentials")
                .map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
        Optional<String> allowed = call.responseHeaders().first("Access-Control-Allow-Origin").map(String::strip);
        if (!credentials || allowed.isEmpty()) {
            return;
        }
        String acao = allowed.get();
        boolean wildcard = acao.equals("*");
        boolean nullOrigin = acao.equalsIgnoreCase("null");
        Optional<String> origin = call.requestHeaders().first("Origin").map(String::strip);
        boolean reflected = !wildcard && !nullOrigin && origin.isPresent() && origin.get().equalsIgnoreCase(acao);
        boolean foreign = reflected && !sameSite(originHost(acao), call.endpoint().service().host());
        int distinct = 0;
        if (reflected) {
            LongSet seen = origins.get(call.endpoint());
            if (seen != null) {
                long id = PseudonymBits.of(pseudonyms.pseudonym("origin", acao.toLowerCase(Locale.ROOT)));
                synchronized (seen) {
                    seen.add(id);
                    distinct = seen.size();
                }
            }
        }
        if (!wildcard && !nullOrigin && !foreign && distinct < reflectedThreshold) {
            return;
        }
        sink.report(Occurrence.of(RuleId.API8_CORS_CREDENTIALS, call, Evidence.at(EvidenceLocation.RESPONSE_HEADER)
                        .withHeader("Access-Control-Allow-Origin")
                        .withFact("wildcardOrigin", wildcard)
                        .withFact("nullOrigin", nullOrigin)
                        .withFact("foreignOriginReflected", foreign)
                        .withFact("reflectedOrigins", distinct))
                .severity(wildcard ? Severity.MEDIUM : Severity.HIGH));
    }

    static String originHost(String origin) {
        int scheme = origin.indexOf("://");
        String rest = scheme < 0 ? origin : origin.substring(scheme + 3);
        int slash = rest.indexOf('/');
        return UrlParameterRule.host(slash < 0 ? rest : rest.substring(0, slash));
    }

    /** Same host, or the same last two labels of a host name. */
    static boolean sameSite(String a, String b) {
        if (a.equalsIgnoreCase(b)) {
            return true;
        }
        if (InternalHosts.isAddressLiteral(a) || InternalHosts.isAddressLiteral(b)) {
            return false;
        }
        return lastTwoLabels(a).equalsIgnoreCase(lastTwoLabels(b));
    }

    private static String lastTwoLabels(String host) {
        int last = host.lastIndexOf('.');
        if (last <= 0) {
            return host;
        }
        int before = host.lastIndexOf('.', last - 1);
        return before < 0 ? host : host.substring(before + 1);
    }
}
