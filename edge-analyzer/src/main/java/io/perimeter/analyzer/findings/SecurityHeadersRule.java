package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.sensor.call.Headers;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * API8-MISSING-SECURITY-HEADERS: a 2xx JSON or HTML answer lacks a header that protects it. Facts (true once any answer
 * of the endpoint lacked it): {@code missingHsts} (a TLS answer without {@code Strict-Transport-Security}),
 * {@code missingNosniff} (no {@code X-Content-Type-Options: nosniff}), {@code sensitiveCacheable} (personal data or
 * credentials in the body and {@code Cache-Control} has neither {@code no-store} nor {@code private}),
 * {@code missingCsp} and {@code missingFrameProtection} (HTML without {@code Content-Security-Policy}, or without
 * {@code X-Frame-Options} and {@code frame-ancestors}). Medium with sensitive cacheable data, low for HTML, info
 * otherwise. A proxy in front may add these headers after the sensor saw the answer: check there before fixing.
 */
final class SecurityHeadersRule implements Rule {

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API8_MISSING_SECURITY_HEADERS);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded()) {
            return;
        }
        String type = call.responseContentType();
        boolean html = type.equals("text/html");
        boolean json = type.equals("application/json") || type.endsWith("+json");
        if (!html && !json) {
            return;
        }
        Headers headers = call.responseHeaders();
        boolean missingHsts = call.call().tls() && headers.first("Strict-Transport-Security").isEmpty();
        boolean missingNosniff = !headers.first("X-Content-Type-Options").map(v -> v.strip().equalsIgnoreCase("nosniff"))
                .orElse(false);
        Set<DataClass> sensitive = EnumSet.noneOf(DataClass.class);
        sensitive.addAll(call.classesIn("RESPONSE_BODY"));
        sensitive.removeIf(c -> !ObservedCall.PERSONAL.contains(c) && !ObservedCall.CREDENTIALS.contains(c));
        String cacheControl = headers.first("Cache-Control").orElse("").toLowerCase(Locale.ROOT);
        boolean sensitiveCacheable = !sensitive.isEmpty() && !cacheControl.contains("no-store")
                && !cacheControl.contains("private");
        String csp = headers.first("Content-Security-Policy").orElse("").toLowerCase(Locale.ROOT);
        boolean missingCsp = html && csp.isEmpty();
        boolean missingFrameProtection = html && headers.first("X-Frame-Options").isEmpty() && !csp.contains("frame-ancestors");
        if (!(missingHsts || missingNosniff || sensitiveCacheable || missingCsp || missingFrameProtection)) {
            return;
        }
        Severity severity = sensitiveCacheable ? Severity.MEDIUM : missingCsp || missingFrameProtection ? Severity.LOW : Severity.INFO;
        sink.report(Occurrence.of(RuleId.API8_MISSING_SECURITY_HEADERS, call, Evidence.at(EvidenceLocation.RESPONSE_HEADER)
                        .withClasses(sensitiveCacheable ? sensitive : Set.of())
                        .withFact("missingHsts", missingHsts)
                        .withFact("missingNosniff", missingNosniff)
                        .withFact("sensitiveCacheable", sensitiveCacheable)
                        .withFact("missingCsp", missingCsp)
                        .withFact("missingFrameProtection", missingFrameProtection))
                .severity(severity));
    }
}
