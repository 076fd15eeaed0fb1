package io.perimeter.cloud.reports;

import static io.perimeter.cloud.reports.ReportSubjects.evidence;

import io.perimeter.cloud.reports.Report.Section;
import io.perimeter.cloud.reports.Report.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * PCI DSS v4.0 evidence from observed traffic: the cardholder-data scope (every endpoint where a full card number was
 * seen: the edge's detector only matches full, Luhn-valid numbers), then for each in-scope endpoint one statement per
 * requirement it evidences: strong cryptography in transit (4.2.1), PAN not shown in full (3.4.1), authentication
 * (8.3.1); third parties that receive card numbers (12.8.1); and the findings on the scope mapped to requirements.
 */
final class PciAssessment {
    private static final Set<String> CARD = Set.of(ReportInputs.CARD_NUMBER);

    private PciAssessment() {}

    static Report of(ReportInputs inputs) {
        List<ReportInputs.Endpoint> scope = inputs.endpoints().stream()
                .filter(e -> e.dataClasses().contains(ReportInputs.CARD_NUMBER)).toList();
        return new Report(ReportKind.PCI, inputs.tenantSlug(), inputs.tenantName(), inputs.from(), inputs.to(),
                List.of(scope(inputs, scope),
                        perEndpoint(inputs, scope, "2", "Strong cryptography for PAN in transit", "4.2.1",
                                "Requirement: PAN is protected with strong cryptography (TLS) whenever it is transmitted.", e -> transit(inputs, e)),
                        perEndpoint(inputs, scope, "3", "PAN masked when displayed", "3.4.1",
                                "Requirement: PAN is masked when displayed; a full card number in an API response is not masked.", PciAssessment::masking),
                        perEndpoint(inputs, scope, "4", "Authentication of access", "8.3.1",
                                "Requirement: all access to system components is authenticated; calls without any credential fail it.", PciAssessment::authentication),
                        thirdParties(inputs), related(inputs, scope)));
    }

    /** The PCI DSS v4.0 requirement a finding evidences, by its rule and category. */
    static String requirement(ReportInputs.Finding finding) {
        String category = finding.category();
        if (finding.rule().equals("API8-SENSITIVE-DATA-PLAINTEXT")) {
            return "4.2.1";
        }
        if (category.equals("API3:2023") && finding.dataClasses().contains(ReportInputs.CARD_NUMBER)) {
            return "3.4.1";
        }
        return switch (category) {
            case "API1:2023", "API5:2023" -> "7.2.1";
            case "API2:2023" -> "8.3.1";
            case "API8:2023" -> "2.2.6";
            case "API9:2023" -> "6.3.2";
            case "API10:2023" -> "12.8.1";
            case "ATTACK" -> "6.4.1";
            default -> "6.2.4";
        };
    }

    private static Section scope(ReportInputs inputs, List<ReportInputs.Endpoint> scope) {
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Endpoint endpoint : scope) {
            statements.add(new Statement("PCI DSS 12.5.2", "IN SCOPE", ReportSubjects.endpoint(inputs, endpoint),
                    "Card numbers seen in " + orUnknown(ReportSubjects.places(endpoint, CARD)) + "; "
                            + endpoint.calls() + " calls observed.", evidence(endpoint)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("PCI DSS 12.5.2", "NONE OBSERVED", "all APIs",
                    "No endpoint carried card numbers in the window.", ReportSubjects.window(inputs)));
        }
        return new Section("1", "Cardholder-data scope", "PCI DSS 12.5.2",
                "Endpoints where full card numbers (PAN) appeared in a request or a response.", statements);
    }

    private static Section perEndpoint(ReportInputs inputs, List<ReportInputs.Endpoint> scope, String number,
                                       String title, String requirement, String goal,
                                       Function<ReportInputs.Endpoint, String[]> check) {
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Endpoint endpoint : scope) {
            String[] outcome = check.apply(endpoint);
            statements.add(new Statement("PCI DSS " + requirement, outcome[0], ReportSubjects.endpoint(inputs, endpoint),
                    outcome[1], evidence(endpoint)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("PCI DSS " + requirement, "NOT APPLICABLE", "all APIs",
                    "No endpoint carried card numbers in the window.", ReportSubjects.window(inputs)));
        }
        return new Section(number, title, "PCI DSS " + requirement, goal, statements);
    }

    private static String[] transit(ReportInputs inputs, ReportInputs.Endpoint endpoint) {
        ReportInputs.Service service = inputs.service(endpoint.serviceId());
        return service != null && service.tls()
                ? new String[] {"PASS", "Served over TLS."}
                : new String[] {"FAIL", "TLS missing: card numbers travel in plain HTTP."};
    }

    private static String[] masking(ReportInputs.Endpoint endpoint) {
        List<String> fields = ReportSubjects.responseFields(endpoint, CARD);
        return fields.isEmpty()
                ? new String[] {"PASS", "No full card number seen in a response."}
                : new String[] {"FAIL", "Card numbers unmasked in the response: " + String.join("; ", fields) + "."};
    }

    private static String[] authentication(ReportInputs.Endpoint endpoint) {
        return ReportSubjects.unauthenticated(endpoint.auth())
                ? new String[] {"FAIL", "Calls without authentication seen (schemes: "
                        + ReportSubjects.auth(endpoint.auth()) + ")."}
                : new String[] {"PASS", "Authentication present: " + ReportSubjects.auth(endpoint.auth()) + "."};
    }

    private static Section thirdParties(ReportInputs inputs) {
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Finding finding : inputs.findings()) {
            if (!finding.rule().equals(GdprRecord.THIRD_PARTY_RULE)
                    || !finding.dataClasses().contains(ReportInputs.CARD_NUMBER)) {
                continue;
            }
            ReportInputs.Service service = inputs.service(finding.serviceId());
            statements.add(new Statement("PCI DSS 12.8.1", "SHARED", service == null ? "(service gone)"
                    : service.address(), "Card numbers sent to the third party "
                    + (service == null ? "?" : service.host()) + " by " + finding.method() + " " + finding.template()
                    + (finding.location() == null ? "" : " in " + finding.location()) + "; "
                    + (service != null && service.tls() ? "over TLS" : "without TLS") + ".", evidence(finding)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("PCI DSS 12.8.1", "NONE OBSERVED", "third parties",
                    "No card number was seen leaving for a third party in the window.", ReportSubjects.window(inputs)));
        }
        return new Section("5", "Third-party service providers receiving account data", "PCI DSS 12.8.1",
                "Hosts outside the organisation that received card numbers from the tenant's processes.", statements);
    }

    private static Section related(ReportInputs inputs, List<ReportInputs.Endpoint> scope) {
        Set<UUID> inScope = new TreeSet<>();
        scope.forEach(e -> inScope.add(e.id()));
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Finding finding : inputs.findings()) {
            boolean related = finding.dataClasses().contains(ReportInputs.CARD_NUMBER)
                    || (finding.endpointId() != null && inScope.contains(finding.endpointId()));
            if (!related) {
                continue;
            }
            statements.add(new Statement("PCI DSS " + requirement(finding),
                    finding.severity().toUpperCase(Locale.ROOT), ReportSubjects.finding(inputs, finding),
                    finding.rule() + " (" + finding.category() + "), " + finding.status() + ", seen "
                            + finding.count() + " times.", evidence(finding)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("PCI DSS 6.2.4", "NONE", "findings",
                    "No finding on the cardholder-data scope in the window.", ReportSubjects.window(inputs)));
        }
        return new Section("6", "Findings on the cardholder-data scope", "PCI DSS 3.4.1, 4.2.1, 6.x, 7.2.1, 8.3.1",
                "Every finding on an in-scope endpoint or with card numbers in its evidence, with the requirement "
                        + "it bears on, most severe first.", statements);
    }

    private static String orUnknown(String places) {
        return places.isEmpty() ? "fields not recorded" : places;
    }
}
