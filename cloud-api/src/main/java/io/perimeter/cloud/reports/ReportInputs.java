package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What a report is computed from: the tenant's services, endpoints and findings seen in the window, each sorted in a
 * fixed order so that the report's rows come out the same every time.
 *
 * @param to the window's end: the one requested, or else the time of the request
 */
public record ReportInputs(String tenantSlug, String tenantName, @Nullable Instant from, Instant to,
                           List<Service> services, List<Endpoint> endpoints, List<Finding> findings,
                           Map<UUID, Service> servicesById) {

    /** Data classes that identify or describe a person (GDPR personal data). */
    public static final Set<String> PERSONAL = Set.of("EMAIL", "PHONE", "CARD_NUMBER", "IBAN", "US_SSN",
            "PERSON_NAME", "POSTAL_ADDRESS", "DATE_OF_BIRTH", "IP_ADDRESS");
    public static final String CARD_NUMBER = "CARD_NUMBER";

    public ReportInputs(String tenantSlug, String tenantName, @Nullable Instant from, Instant to,
                        List<Service> services, List<Endpoint> endpoints, List<Finding> findings) {
        this(tenantSlug, tenantName, from, to, services, endpoints, findings,
                services.stream().collect(Collectors.toUnmodifiableMap(Service::id, s -> s)));
    }

    public ReportInputs {
        services = List.copyOf(services);
        endpoints = List.copyOf(endpoints);
        findings = List.copyOf(findings);
    }

    public record Service(UUID id, String host, int port, String process, boolean tls, Instant firstSeen,
                          Instant lastSeen) {
        /** "shop.example.test:8443". */
        public String address() {
            return host + ":" + port;
        }
    }

    /**
     * An endpoint with the data classes it carried and where: {@code fields} maps a shape section
     * ({@code requestBody:application/json}, {@code responseBody:200:application/json}, {@code query}...) to the field
     * paths in it that carried a class, with their classes.
     */
    public record Endpoint(UUID id, UUID serviceId, String method, String template, long calls, List<String> auth,
                           List<String> dataClasses, Map<String, Map<String, List<String>>> fields,
                           Instant firstSeen, Instant lastSeen) {
    }

    public record Finding(UUID id, String rule, String category, String severity, String status,
                          @Nullable UUID serviceId, @Nullable UUID endpointId, String method, String template,
                          @Nullable String location, @Nullable String field, List<String> dataClasses, long count,
                          Instant firstSeen, Instant lastSeen) {
    }

    public @Nullable Service service(@Nullable UUID id) {
        return id == null ? null : servicesById.get(id);
    }
}
