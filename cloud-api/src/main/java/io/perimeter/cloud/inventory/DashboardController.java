package io.perimeter.cloud.inventory;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The tenant at a glance: inventory and finding counts, findings over time, sensitive endpoints, edges' health. */
@Controller("/api/v1/dashboard")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "inventory")
@SecurityRequirement(name = "keycloak")
class DashboardController {
    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Get
    DashboardView get(Person person) {
        return dashboard.of(person.tenantId());
    }
}
