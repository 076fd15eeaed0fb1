package io.perimeter.cloud.tenants;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Operator;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;

/** Tenants of the platform, for platform operators only. */
@Controller("/api/v1/tenants")
@Secured(Operator.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tenants")
@SecurityRequirement(name = "keycloak")
class TenantController {
    private final TenantRegistry registry;

    TenantController(TenantRegistry registry) {
        this.registry = registry;
    }

    @Get
    List<TenantView> list(Operator operator) {
        return registry.list();
    }

    /**
     * Onboards a tenant: its rows, its first owner, its Pulsar namespace and Keycloak organization. 201 when created;
     * the same request again answers 200 and finishes whatever an earlier attempt left undone.
     */
    @Post
    HttpResponse<TenantView> onboard(Operator operator, @Body @Valid NewTenant request) {
        TenantRegistry.Onboarded onboarded = registry.onboard(operator, request);
        return HttpResponse.<TenantView>status(onboarded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(onboarded.tenant());
    }

    /** Offboards the tenant: its resources outside PostgreSQL, then all of its rows. */
    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void offboard(Operator operator, String slug) {
        registry.offboard(operator, slug);
    }
}
