package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * API10-SENSITIVE-DATA-TO-THIRD-PARTY: a process on this host calls a host outside the organisation
 * ({@link InternalHosts}: not private, loopback or link-local, not an internal name, not a configured domain) and the
 * request carries personal data or passwords (one finding per request part). Secrets and JWTs are not counted: they
 * are usually this system's own credentials for the third party. High with card numbers, SSNs, IBANs or passwords.
 * Only calls where the sensor watched a local client process count; HAR files (no process) never do.
 */
final class ThirdPartyDataRule implements Rule {
    private static final Set<DataClass> HIGH = EnumSet.of(DataClass.CARD_NUMBER, DataClass.US_SSN, DataClass.IBAN,
            DataClass.PASSWORD);
    private static final Map<String, EvidenceLocation> PARTS = Map.of("QUERY", EvidenceLocation.REQUEST_QUERY,
            "REQUEST_BODY", EvidenceLocation.REQUEST_BODY, "PATH", EvidenceLocation.REQUEST_PATH,
            "REQUEST_HEADER", EvidenceLocation.REQUEST_HEADER, "REQUEST_COOKIE", EvidenceLocation.REQUEST_COOKIE);

    private final InternalHosts internal;

    ThirdPartyDataRule(InternalHosts internal) {
        this.internal = internal;
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API10_SENSITIVE_DATA_TO_THIRD_PARTY);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (!call.outbound() || internal.isInternal(call.endpoint().service().host())) {
            return;
        }
        for (Map.Entry<String, EvidenceLocation> part : PARTS.entrySet()) {
            Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
            classes.addAll(call.classesIn(part.getKey()));
            classes.remove(DataClass.SECRET);
            classes.remove(DataClass.JWT);
            if (part.getKey().equals("REQUEST_HEADER") || part.getKey().equals("REQUEST_COOKIE")) {
                classes.remove(DataClass.PASSWORD); // an Authorization header's password is the call's own credential
            }
            if (classes.isEmpty()) {
                continue;
            }
            boolean high = classes.stream().anyMatch(HIGH::contains);
            sink.report(Occurrence.of(RuleId.API10_SENSITIVE_DATA_TO_THIRD_PARTY, call, Evidence.at(part.getValue())
                            .withClasses(classes).withFact("tls", call.call().tls()))
                    .severity(high ? Severity.HIGH : Severity.MEDIUM));
        }
    }
}
