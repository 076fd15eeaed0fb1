package io.perimeter.cloud.inventory;

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
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.cloud.query.Page;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;

/** The services the tenant's edges discovered; every member of the tenant reads them. */
@Controller("/api/v1/services")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "inventory")
@SecurityRequirement(name = "keycloak")
class ServiceController {
    private static final String YAML = "application/yaml";

    private final ServiceCatalog services;

    ServiceController(ServiceCatalog services) {
        this.services = services;
    }

    /**
     * Services, filtered and sorted ({@code host}, default; {@code lastSeen}; {@code endpoints}), one page at a time.
     *
     * @param q         part of the host name
     * @param dataClass only services with an endpoint carrying one of these data classes
     * @param hasFindings only services with (true) or without (false) open or acknowledged findings
     */
    @Get
    Page<ServiceView> list(Person person, @QueryValue @Nullable String q, @QueryValue @Nullable Boolean tls,
                           @QueryValue @Nullable List<String> dataClass, @QueryValue @Nullable Boolean hasFindings,
                           @QueryValue(defaultValue = "host") String sort, @QueryValue @Nullable String cursor,
                           @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return services.list(person.tenantId(), new ServiceCatalog.Filter(q, tls, dataClass, hasFindings), sort,
                cursor, limit);
    }

    @Get("/{serviceId}")
    ServiceView get(Person person, UUID serviceId) {
        return services.get(person.tenantId(), serviceId);
    }

    /** The service as an OpenAPI 3.1 document built from what was observed; {@code format=yaml} for YAML. */
    @Get("/{serviceId}/openapi")
    @Produces({MediaType.APPLICATION_JSON, YAML})
    HttpResponse<String> openApi(Person person, UUID serviceId, @QueryValue(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("yaml")) {
            throw ApiException.badRequest("bad-format", "format must be json or yaml");
        }
        boolean yaml = format.equals("yaml");
        return HttpResponse.ok(services.openApi(person.tenantId(), serviceId, yaml))
                .contentType(yaml ? YAML : MediaType.APPLICATION_JSON);
    }
}
