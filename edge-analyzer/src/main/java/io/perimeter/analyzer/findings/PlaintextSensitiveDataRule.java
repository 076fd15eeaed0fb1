package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import java.util.EnumSet;
import java.util.Set;

/**
 * API8-SENSITIVE-DATA-PLAINTEXT: personal data or credentials (any data class but IP addresses) cross a plain-HTTP
 * connection, in the request or the answer. High when credentials, card numbers, SSNs or IBANs are among them, medium
 * otherwise. Loopback servers are not counted (a TLS-terminating proxy on the same host is the usual reason).
 */
final class PlaintextSensitiveDataRule implements Rule {
    private static final Set<DataClass> HIGH = EnumSet.of(DataClass.PASSWORD, DataClass.SECRET, DataClass.JWT,
            DataClass.CARD_NUMBER, DataClass.US_SSN, DataClass.IBAN);

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API8_SENSITIVE_DATA_PLAINTEXT);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.call().tls() || call.serverIsLoopback()) {
            return;
        }
        Set<DataClass> request = EnumSet.noneOf(DataClass.class);
        request.addAll(call.classesIn("QUERY", "REQUEST_BODY", "REQUEST_HEADER", "REQUEST_COOKIE", "PATH"));
        request.remove(DataClass.IP_ADDRESS);
        Set<DataClass> response = EnumSet.noneOf(DataClass.class);
        response.addAll(call.classesIn("RESPONSE_BODY", "RESPONSE_HEADER"));
        response.remove(DataClass.IP_ADDRESS);
        if (request.isEmpty() && response.isEmpty()) {
            return;
        }
        Set<DataClass> all = EnumSet.noneOf(DataClass.class);
        all.addAll(request);
        all.addAll(response);
        boolean high = all.stream().anyMatch(HIGH::contains);
        sink.report(Occurrence.of(RuleId.API8_SENSITIVE_DATA_PLAINTEXT, call, Evidence.at(EvidenceLocation.CONNECTION)
                        .withClasses(all)
                        .withFact("inRequest", !request.isEmpty())
                        .withFact("inResponse", !response.isEmpty()))
                .severity(high ? Severity.HIGH : Severity.MEDIUM));
    }
}
