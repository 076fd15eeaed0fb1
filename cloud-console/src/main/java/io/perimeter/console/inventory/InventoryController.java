package io.perimeter.console.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import io.perimeter.cloud.inventory.EndpointCatalog;
import io.perimeter.cloud.inventory.EndpointDetail;
import io.perimeter.cloud.inventory.ServiceCatalog;
import io.perimeter.cloud.inventory.ServiceView;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.ListQuery;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The inventory the tenant's edges discovered: services (search, filters, sort, pages), a service's endpoints (the
 * same), one endpoint with its schema, and a service's OpenAPI document to download.
 */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class InventoryController {
    private static final int PAGE = 25;
    private static final List<String> DATA_CLASSES = List.of("EMAIL", "PHONE", "CARD_NUMBER", "IBAN", "US_SSN",
            "IP_ADDRESS", "JWT", "SECRET", "PASSWORD", "PERSON_NAME", "POSTAL_ADDRESS", "DATE_OF_BIRTH");
    private static final List<String> AUTH_SCHEMES = List.of("none", "basic", "digest", "bearer-jwt",
            "bearer-opaque", "api-key", "cookie-session", "other");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

    private final ServiceCatalog services;
    private final EndpointCatalog endpoints;

    InventoryController(ServiceCatalog services, EndpointCatalog endpoints) {
        this.services = services;
        this.endpoints = endpoints;
    }

    @Get("/services")
    @View("inventory/services")
    Map<String, Object> services(SignedIn signedIn, @QueryValue @Nullable String q, @QueryValue @Nullable String tls,
                                 @QueryValue @Nullable String dataClass, @QueryValue @Nullable String hasFindings,
                                 @QueryValue @Nullable String sort, @QueryValue @Nullable String cursor) {
        ListQuery query = ListQuery.of("/services", sort, "host", cursor)
                .with("q", q).with("tls", tls).with("dataClass", dataClass).with("hasFindings", hasFindings);
        var filter = new ServiceCatalog.Filter(ListQuery.blankToNull(q), ListQuery.flag(tls),
                ListQuery.values(dataClass), ListQuery.flag(hasFindings));
        return Map.of("page", services.list(signedIn.person().tenantId(), filter, query.sort(), cursor, PAGE),
                "query", query, "dataClasses", DATA_CLASSES, "sorts", List.of("host", "lastSeen", "endpoints"));
    }

    @Get("/services/{serviceId}")
    @View("inventory/service")
    Map<String, Object> service(SignedIn signedIn, UUID serviceId, @QueryValue @Nullable String q,
                                @QueryValue @Nullable String method, @QueryValue @Nullable String dataClass,
                                @QueryValue @Nullable String auth, @QueryValue @Nullable String hasFindings,
                                @QueryValue @Nullable String sort, @QueryValue @Nullable String cursor) {
        UUID tenant = signedIn.person().tenantId();
        ServiceView service = services.get(tenant, serviceId);
        ListQuery query = ListQuery.of("/services/" + serviceId, sort, "template", cursor)
                .with("q", q).with("method", method).with("dataClass", dataClass).with("auth", auth)
                .with("hasFindings", hasFindings);
        var filter = new EndpointCatalog.Filter(serviceId, ListQuery.values(method), ListQuery.values(dataClass),
                ListQuery.values(auth), ListQuery.flag(hasFindings), ListQuery.blankToNull(q));
        return Map.of("service", service, "page", endpoints.list(tenant, filter, query.sort(), cursor, PAGE),
                "query", query, "dataClasses", DATA_CLASSES, "authSchemes", AUTH_SCHEMES, "methods", METHODS,
                "sorts", List.of("template", "lastSeen", "calls", "sensitivity"));
    }

    /** The service as OpenAPI 3.1, built from what was observed, as a file to save. */
    @Get("/services/{serviceId}/openapi")
    @Produces({"application/yaml", MediaType.APPLICATION_JSON})
    HttpResponse<String> openApi(SignedIn signedIn, UUID serviceId, @QueryValue @Nullable String format) {
        boolean yaml = "yaml".equals(format);
        ServiceView service = services.get(signedIn.person().tenantId(), serviceId);
        String file = (service.host() + "-" + service.port()).replaceAll("[^A-Za-z0-9.-]", "_")
                + (yaml ? ".openapi.yaml" : ".openapi.json");
        return HttpResponse.ok(services.openApi(signedIn.person().tenantId(), serviceId, yaml))
                .contentType(yaml ? "application/yaml" : "application/json")
                .header("Content-Disposition", "attachment; filename=\"" + file + "\"");
    }

    @Get("/endpoints/{endpointId}")
    @View("inventory/endpoint")
    Map<String, Object> endpoint(SignedIn signedIn, UUID endpointId) {
        EndpointDetail endpoint = endpoints.get(signedIn.person().tenantId(), endpointId);
        return Map.of("endpoint", endpoint, "schema", SchemaTree.of(endpoint.schema()));
    }
}
