package io.perimeter.analyzer.findings;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Attack attempts ({@link AttackPatterns}): ATTACK-SQL-INJECTION, ATTACK-XSS, ATTACK-PATH-TRAVERSAL and
 * ATTACK-COMMAND-INJECTION, in the request path, query values, JSON and form body strings (other text bodies as a
 * whole), and the {@code User-Agent}, {@code Referer} and {@code X-Forwarded-For} headers. One occurrence per call,
 * rule and place, with the {@link Outcome} of the call: high when the API answered 2xx (the payload was processed and
 * may have worked), medium when unknown (3xx, 5xx — a server error may be the payload breaking a query — or no
 * answer), low when rejected (4xx).
 */
final class AttackRule implements Rule {
    private static final List<String> HEADERS = List.of("User-Agent", "Referer", "X-Forwarded-For");
    private static final int MAX_BODY_FIELDS = 256;

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.ATTACK_SQL_INJECTION, RuleId.ATTACK_XSS, RuleId.ATTACK_PATH_TRAVERSAL,
                RuleId.ATTACK_COMMAND_INJECTION);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound()) {
            return;
        }
        Outcome outcome = Outcome.of(call.call().response());
        Severity severity = switch (outcome) {
            case SUCCEEDED -> Severity.HIGH;
            case UNKNOWN -> Severity.MEDIUM;
            case REJECTED -> Severity.LOW;
        };
        Set<String> reported = new HashSet<>();
        Reporter report = (rules, where) -> {
            if (rules.isEmpty()) {
                return; // the usual case: no evidence is built
            }
            Evidence evidence = where.get();
            for (RuleId rule : rules) {
                if (reported.add(rule + " " + evidence.location() + " " + evidence.field() + " " + evidence.headerName())) {
                    sink.report(Occurrence.of(rule, call, evidence).severity(severity).outcome(outcome));
                }
            }
        };
        report.found(AttackPatterns.detect(call.path(), AttackPatterns.Source.PATH),
                () -> Evidence.at(EvidenceLocation.REQUEST_PATH));
        for (ObservedCall.Parameter p : call.query()) {
            report.found(AttackPatterns.detect(p.value(), AttackPatterns.Source.QUERY),
                    () -> Evidence.at(EvidenceLocation.REQUEST_QUERY).withField(EvidenceNames.parameterName(p.name())));
        }
        List<ObservedCall.BodyField> fields = call.requestFields();
        if (!fields.isEmpty()) {
            int n = 0;
            for (ObservedCall.BodyField f : fields) {
                if (f.value() != null && n++ < MAX_BODY_FIELDS) {
                    report.found(AttackPatterns.detect(f.value(), AttackPatterns.Source.BODY),
                            () -> Evidence.at(EvidenceLocation.REQUEST_BODY).withField(f.path()));
                }
            }
        } else if (!call.requestText().isEmpty() && !call.requestIsJson() && isText(call.requestContentType())) {
            report.found(AttackPatterns.detect(call.requestText(), AttackPatterns.Source.BODY),
                    () -> Evidence.at(EvidenceLocation.REQUEST_BODY));
        }
        for (String header : HEADERS) {
            call.requestHeaders().first(header).ifPresent(value -> report.found(
                    AttackPatterns.detect(value, AttackPatterns.Source.HEADER),
                    () -> Evidence.at(EvidenceLocation.REQUEST_HEADER).withHeader(header)));
        }
    }

    private static boolean isText(String type) {
        return type.isEmpty() || type.startsWith("text/") || type.endsWith("xml") || type.contains("graphql");
    }

    @FunctionalInterface
    private interface Reporter {
        void found(Set<RuleId> rules, Supplier<Evidence> evidence);
    }
}
