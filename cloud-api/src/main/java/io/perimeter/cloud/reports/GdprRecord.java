package io.perimeter.cloud.reports;

import static io.perimeter.cloud.reports.ReportSubjects.evidence;

import io.perimeter.cloud.reports.Report.Section;
import io.perimeter.cloud.reports.Report.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A GDPR Article 30-style record of processing, from what the edges observed: which APIs process which classes of
 * personal data (30(1)(c)), which send it to third parties (30(1)(d)-(e)), the technical measures seen on them (TLS,
 * authentication: 30(1)(g) and 32), and the findings still open against them. It records observed traffic; purposes,
 * legal bases and retention periods are the controller's to add.
 */
final class GdprRecord {
    static final String THIRD_PARTY_RULE = "API10-SENSITIVE-DATA-TO-THIRD-PARTY";
    private static final Set<String> OPEN = Set.of("open", "acknowledged");

    private GdprRecord() {}

    static Report of(ReportInputs inputs) {
        List<ReportInputs.Endpoint> personal = inputs.endpoints().stream()
                .filter(e -> e.dataClasses().stream().anyMatch(ReportInputs.PERSONAL::contains)).toList();
        return new Report(ReportKind.GDPR, inputs.tenantSlug(), inputs.tenantName(), inputs.from(), inputs.to(),
                List.of(activities(inputs, personal), transfers(inputs), measures(inputs, personal),
                        openFindings(inputs, personal)));
    }

    /** One statement per API (service) that processes personal data, then one per endpoint. */
    private static Section activities(ReportInputs inputs, List<ReportInputs.Endpoint> personal) {
        List<Statement> statements = new ArrayList<>();
        Map<UUID, List<ReportInputs.Endpoint>> byService = new LinkedHashMap<>();
        personal.forEach(e -> byService.computeIfAbsent(e.serviceId(), k -> new ArrayList<>()).add(e));
        byService.forEach((serviceId, endpoints) -> {
            ReportInputs.Service service = inputs.service(serviceId);
            Set<String> classes = new TreeSet<>();
            endpoints.forEach(e -> classes.addAll(ReportSubjects.only(e.dataClasses(), ReportInputs.PERSONAL)));
            String name = service.address() + (service.process().isBlank() ? "" : " (" + service.process() + ")");
            statements.add(new Statement("Art. 30(1)(c)", "PROCESSES", name,
                    "API " + name + " processes personal data of the classes " + String.join(", ", classes) + " in "
                            + endpoints.size() + " endpoint" + (endpoints.size() == 1 ? "" : "s") + ".",
                    new Report.Evidence("service", serviceId.toString(), service.firstSeen(), service.lastSeen())));
            for (ReportInputs.Endpoint endpoint : endpoints) {
                List<String> own = ReportSubjects.only(endpoint.dataClasses(), ReportInputs.PERSONAL);
                String places = ReportSubjects.places(endpoint, ReportInputs.PERSONAL);
                statements.add(new Statement("Art. 30(1)(c)", "PROCESSES", ReportSubjects.endpoint(inputs, endpoint),
                        "Personal data: " + String.join(", ", own) + (places.isEmpty() ? "" : " (in " + places + ")")
                                + "; " + endpoint.calls() + " calls observed.", evidence(endpoint)));
            }
        });
        if (statements.isEmpty()) {
            statements.add(new Statement("Art. 30(1)(c)", "NONE OBSERVED", "all APIs",
                    "No API was seen processing personal data in the window.", ReportSubjects.window(inputs)));
        }
        return new Section("1", "Processing activities: personal data per API", "GDPR Art. 30(1)(c)",
                "Categories of personal data each API carried in requests or responses, as classified at the edge.",
                statements);
    }

    private static Section transfers(ReportInputs inputs) {
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Finding finding : inputs.findings()) {
            if (!finding.rule().equals(THIRD_PARTY_RULE)) {
                continue;
            }
            ReportInputs.Service service = inputs.service(finding.serviceId());
            List<String> classes = ReportSubjects.only(finding.dataClasses(), ReportInputs.PERSONAL);
            statements.add(new Statement("Art. 30(1)(d)", "TRANSFER",
                    service == null ? "(service gone)" : service.address(),
                    "Personal data sent to the third party " + (service == null ? "?" : service.host()) + ": "
                            + ReportSubjects.joined(classes.isEmpty() ? finding.dataClasses() : classes)
                            + (finding.location() == null ? "" : " in " + finding.location())
                            + " of " + finding.method() + " " + finding.template() + "; "
                            + (service != null && service.tls() ? "over TLS" : "without TLS")
                            + "; finding " + finding.status() + ".", evidence(finding)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("Art. 30(1)(d)", "NONE OBSERVED", "third parties",
                    "No transfer of personal data to a third party was observed in the window.",
                    ReportSubjects.window(inputs)));
        }
        return new Section("2", "Recipients: transfers to third parties", "GDPR Art. 30(1)(d)-(e)",
                "Calls from the tenant's processes to hosts outside the organisation that carried personal data "
                        + "(finding " + THIRD_PARTY_RULE + ").", statements);
    }

    private static Section measures(ReportInputs inputs, List<ReportInputs.Endpoint> personal) {
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Endpoint endpoint : personal) {
            ReportInputs.Service service = inputs.service(endpoint.serviceId());
            boolean tls = service != null && service.tls();
            boolean unauthenticated = ReportSubjects.unauthenticated(endpoint.auth());
            List<String> gaps = new ArrayList<>();
            if (!tls) {
                gaps.add("personal data travels without TLS");
            }
            if (unauthenticated) {
                gaps.add("calls without authentication were seen");
            }
            statements.add(new Statement("Art. 32(1)", gaps.isEmpty() ? "OK" : "GAP",
                    ReportSubjects.endpoint(inputs, endpoint),
                    "TLS: " + (tls ? "yes" : "no") + "; authentication: " + ReportSubjects.auth(endpoint.auth())
                            + (gaps.isEmpty() ? "." : "; " + String.join("; ", gaps) + "."), evidence(endpoint)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("Art. 32(1)", "NONE OBSERVED", "all APIs",
                    "No endpoint with personal data was seen in the window.", ReportSubjects.window(inputs)));
        }
        return new Section("3", "Security measures observed", "GDPR Art. 30(1)(g), Art. 32",
                "Transport encryption and authentication seen on each endpoint that carries personal data.",
                statements);
    }

    private static Section openFindings(ReportInputs inputs, List<ReportInputs.Endpoint> personal) {
        Set<UUID> personalEndpoints = new TreeSet<>();
        personal.forEach(e -> personalEndpoints.add(e.id()));
        List<Statement> statements = new ArrayList<>();
        for (ReportInputs.Finding finding : inputs.findings()) {
            boolean concernsPersonalData = finding.dataClasses().stream().anyMatch(ReportInputs.PERSONAL::contains)
                    || (finding.endpointId() != null && personalEndpoints.contains(finding.endpointId()));
            if (!OPEN.contains(finding.status()) || !concernsPersonalData) {
                continue;
            }
            statements.add(new Statement("Art. 32(1)(d)", finding.severity().toUpperCase(java.util.Locale.ROOT),
                    ReportSubjects.finding(inputs, finding),
                    finding.rule() + " (" + finding.category() + "), " + finding.status()
                            + (finding.dataClasses().isEmpty() ? "" : ", data classes "
                                    + String.join(", ", finding.dataClasses()))
                            + ", seen " + finding.count() + " times.", evidence(finding)));
        }
        if (statements.isEmpty()) {
            statements.add(new Statement("Art. 32(1)(d)", "NONE OPEN", "findings",
                    "No finding concerning personal data is open.", ReportSubjects.window(inputs)));
        }
        return new Section("4", "Open findings concerning personal data", "GDPR Art. 32(1)(d)",
                "Findings that are open or acknowledged on endpoints that carry personal data, or whose evidence "
                        + "names personal data, most severe first.", statements);
    }
}
