package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.pipeline.CallProfile;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * API2-CREDENTIAL-IN-QUERY: a credential travels in the query string, where proxies, server logs, browser history and
 * {@code Referer} headers keep it. Found by parameter name ({@code access_token}, {@code api_key}, {@code password},
 * ...; the generic names {@code key}, {@code token}, {@code auth}, {@code session} and {@code sid} only with a
 * token-shaped value) or because classification found a secret, JWT or password in the parameter. Presigned-URL
 * parameters ({@code X-Amz-*}, {@code X-Goog-*}) are designed to be there and are not counted.
 */
final class CredentialInQueryRule implements Rule {
    private static final Set<String> GENERIC = Set.of("key", "token", "auth", "session", "sid");

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API2_CREDENTIAL_IN_QUERY);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.query().isEmpty()) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (ObservedCall.Parameter p : call.query()) {
            String lower = p.name().toLowerCase(Locale.ROOT);
            if (p.value().isBlank() || lower.startsWith("x-amz-") || lower.startsWith("x-goog-") || !reported.add(p.name())) {
                continue; // presigned-URL parameters are designed to be in URLs
            }
            Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
            for (CallProfile.Sighting s : call.sightings("QUERY")) {
                if (p.name().equals(s.name())) {
                    classes.addAll(s.classes());
                }
            }
            classes.retainAll(ObservedCall.CREDENTIALS);
            boolean byName = CredentialNames.isQueryCredential(p.name())
                    && (!GENERIC.contains(lower) || tokenShaped(p.value()));
            if (!byName && classes.isEmpty()) {
                continue;
            }
            boolean tls = call.call().tls();
            sink.report(Occurrence.of(RuleId.API2_CREDENTIAL_IN_QUERY, call, Evidence.at(EvidenceLocation.REQUEST_QUERY)
                            .withField(EvidenceNames.parameterName(p.name())).withClasses(classes).withFact("tls", tls))
                    .severity(tls ? Severity.MEDIUM : Severity.HIGH));
        }
    }

    /** At least 16 characters without spaces, mixing letters and digits. */
    static boolean tokenShaped(String value) {
        if (value.length() < 16) {
            return false;
        }
        boolean letter = false;
        boolean digit = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)) {
                return false;
            }
            letter |= Character.isLetter(c);
            digit |= Character.isDigit(c);
        }
        return letter && digit;
    }
}
