package io.perimeter.analyzer.findings;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Thresholds and memory caps of the {@link FindingsEngine}. Every threshold is documented with its rule in
 * docs/findings.md.
 *
 * @param maxOpenFindings          findings kept at once; occurrences of further findings are dropped and counted
 * @param objectWalkThreshold      API1-OBJECT-WALK: one identity touching more distinct objects than this at one
 *                                 endpoint parameter (2xx answers)
 * @param sharedObjectThreshold    API1-SHARED-OBJECT: one object read by more distinct identities than this
 * @param maxTrackedEndpoints      endpoints (parameters, for API1) each stateful rule tracks at once
 * @param maxPrincipalsPerEndpoint identities API1 tracks per endpoint parameter
 * @param maxObjectsPerEndpoint    objects API1 tracks per endpoint parameter
 * @param maxTrackedPairs          identity-object pairs API1 keeps in all (about 8 bytes each)
 * @param rateWindow               API4-NO-RATE-LIMIT: the fixed window calls are counted in
 * @param rateThreshold            API4-NO-RATE-LIMIT: calls of one client to one endpoint in one window
 * @param maxClientsPerEndpoint    clients API4 tracks per endpoint
 * @param maxPageSize              API4-UNBOUNDED-PAGE-SIZE: a page-size parameter above this
 * @param jwtClockSkew             API2-JWT-EXPIRED-ACCEPTED: how long after {@code exp} a token still counts as fresh
 * @param corsReflectedOrigins     API8-CORS-CREDENTIALS: distinct reflected origins that show an origin is echoed
 * @param internalDomains          API10: host suffixes that are this organisation's own ({@code corp.example.com});
 *                                 private addresses, {@code .internal}, {@code .local}, {@code .svc} and single-label
 *                                 names are always internal
 */
public record FindingsSettings(
        int maxOpenFindings,
        int objectWalkThreshold,
        int sharedObjectThreshold,
        int maxTrackedEndpoints,
        int maxPrincipalsPerEndpoint,
        int maxObjectsPerEndpoint,
        long maxTrackedPairs,
        Duration rateWindow,
        int rateThreshold,
        int maxClientsPerEndpoint,
        long maxPageSize,
        Duration jwtClockSkew,
        int corsReflectedOrigins,
        List<String> internalDomains) {

    public FindingsSettings {
        Objects.requireNonNull(rateWindow, "rateWindow");
        Objects.requireNonNull(jwtClockSkew, "jwtClockSkew");
        internalDomains = internalDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT).replaceAll("^\\.+", ""))
                .filter(d -> !d.isEmpty()).toList();
        if (maxOpenFindings < 1 || objectWalkThreshold < 1 || sharedObjectThreshold < 1 || maxTrackedEndpoints < 1
                || maxPrincipalsPerEndpoint < 1 || maxObjectsPerEndpoint < 1 || maxTrackedPairs < 1
                || rateWindow.isNegative() || rateWindow.isZero() || rateThreshold < 1 || maxClientsPerEndpoint < 1
                || maxPageSize < 1 || jwtClockSkew.isNegative() || corsReflectedOrigins < 1) {
            throw new IllegalArgumentException("invalid findings settings: " + this);
        }
    }

    /**
     * 5,000 open findings; API1 at more than 50 objects per identity and more than 10 identities per object, tracking
     * 1,000 endpoint parameters, 1,000 identities and 10,000 objects each and 500,000 pairs in all; API4 at more than
     * 300 calls per client, endpoint and minute, 1,000 clients per endpoint, page sizes above 1,000; 60 s JWT clock
     * skew; 3 reflected CORS origins; no extra internal domains.
     */
    public static FindingsSettings defaults() {
        return new FindingsSettings(5_000, 50, 10, 1_000, 1_000, 10_000, 500_000, Duration.ofMinutes(1), 300, 1_000,
                1_000, Duration.ofSeconds(60), 3, List.of());
    }

    /** These settings with {@code domains} as the organisation's internal domains. */
    public FindingsSettings withInternalDomains(List<String> domains) {
        return new FindingsSettings(maxOpenFindings, objectWalkThreshold, sharedObjectThreshold, maxTrackedEndpoints,
                maxPrincipalsPerEndpoint, maxObjectsPerEndpoint, maxTrackedPairs, rateWindow, rateThreshold,
                maxClientsPerEndpoint, maxPageSize, jwtClockSkew, corsReflectedOrigins, domains);
    }
}
