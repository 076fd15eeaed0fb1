package io.perimeter.cloud.inventory;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.query.Page;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;

/** The endpoints the tenant's edges discovered; every member of the tenant reads them. */
@Controller("/api/v1/endpoints")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "inventory")
@SecurityRequirement(name = "keycloak")
class EndpointController {
    private final EndpointCatalog endpoints;

    EndpointController(EndpointCatalog endpoints) {
        this.endpoints = endpoints;
    }

    /**
     * Endpoints, filtered and sorted ({@code lastSeen}, default; {@code calls}; {@code sensitivity};
     * {@code template}), one page at a time. Repeated filter values (or comma-separated ones) match any of them.
     *
     * @param q           part of the path template
     * @param hasFindings only endpoints with (true) or without (false) open or acknowledged findings
     */
    @Get
    Page<EndpointSummary> list(Person person, @QueryValue @Nullable UUID serviceId,
                               @QueryValue @Nullable List<String> method, @QueryValue @Nullable List<String> dataClass,
                               @QueryValue @Nullable List<String> auth, @QueryValue @Nullable Boolean hasFindings,
                               @QueryValue @Nullable String q, @QueryValue(defaultValue = "lastSeen") String sort,
                               @QueryValue @Nullable String cursor,
                               @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return endpoints.list(person.tenantId(),
                new EndpointCatalog.Filter(serviceId, method, dataClass, auth, hasFindings, q), sort, cursor, limit);
    }

    /** The endpoint's schema with data classes, auth, TLS, status codes, latency and findings. */
    @Get("/{endpointId}")
    EndpointDetail get(Person person, UUID endpointId) {
        return endpoints.get(person.tenantId(), endpointId);
    }
}
