package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** How reports name endpoints, findings and where data travels, the same way in every report. */
final class ReportSubjects {
    private ReportSubjects() {}

    /** "GET shop.example.test:8443 /api/v1/users/{id}". */
    static String endpoint(@Nullable ReportInputs.Service service, String method, String template) {
        return method + " " + (service == null ? "(service gone)" : service.address()) + " " + template;
    }

    static String endpoint(ReportInputs inputs, ReportInputs.Endpoint endpoint) {
        return endpoint(inputs.service(endpoint.serviceId()), endpoint.method(), endpoint.template());
    }

    static String finding(ReportInputs inputs, ReportInputs.Finding finding) {
        return endpoint(inputs.service(finding.serviceId()), finding.method(), finding.template());
    }

    static Report.Evidence evidence(ReportInputs.Endpoint endpoint) {
        return new Report.Evidence("endpoint", endpoint.id().toString(), endpoint.firstSeen(), endpoint.lastSeen());
    }

    static Report.Evidence evidence(ReportInputs.Finding finding) {
        return new Report.Evidence("finding", finding.id().toString(), finding.firstSeen(), finding.lastSeen());
    }

    static Report.Evidence window(ReportInputs inputs) {
        return new Report.Evidence("window", null, inputs.from(), inputs.to());
    }

    /** The classes of {@code classes} that are in {@code kind}, sorted. */
    static List<String> only(List<String> classes, Set<String> kind) {
        return classes.stream().filter(kind::contains).sorted().toList();
    }

    /**
     * Where an endpoint carried any of {@code classes}: "response body cards[].number; request body card.number".
     * Field paths only: the contract never lets a value reach the cloud.
     */
    static String places(ReportInputs.Endpoint endpoint, Set<String> classes) {
        Set<String> places = new TreeSet<>();
        endpoint.fields().forEach((section, fields) -> fields.forEach((path, found) -> {
            if (found.stream().anyMatch(classes::contains)) {
                places.add(part(section) + " " + path);
            }
        }));
        return String.join("; ", places);
    }

    /** Whether an endpoint returned any of {@code classes} in a response body or header. */
    static List<String> responseFields(ReportInputs.Endpoint endpoint, Set<String> classes) {
        return endpoint.fields().entrySet().stream()
                .filter(section -> section.getKey().startsWith("response"))
                .flatMap(section -> section.getValue().entrySet().stream()
                        .filter(field -> field.getValue().stream().anyMatch(classes::contains))
                        .map(field -> part(section.getKey()) + " " + field.getKey()))
                .sorted().distinct().toList();
    }

    /** "requestBody:application/json" → "request body", "responseBody:200:application/json" → "response body". */
    static String part(String section) {
        String name = section.contains(":") ? section.substring(0, section.indexOf(':')) : section;
        return switch (name) {
            case "requestBody" -> "request body";
            case "responseBody" -> "response body";
            case "requestHeader" -> "request header";
            case "responseHeader" -> "response header";
            case "query" -> "query";
            case "path" -> "path";
            case "cookie" -> "cookie";
            default -> name;
        };
    }

    /** "bearer-jwt, none", or "none seen". */
    static String auth(List<String> schemes) {
        return schemes.isEmpty() ? "none seen" : String.join(", ", schemes);
    }

    /** Whether calls without any credential were seen (or no scheme at all). */
    static boolean unauthenticated(List<String> schemes) {
        return schemes.isEmpty() || schemes.contains("none");
    }

    static String joined(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }
}
