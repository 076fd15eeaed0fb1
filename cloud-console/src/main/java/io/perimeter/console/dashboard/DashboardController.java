package io.perimeter.console.dashboard;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.View;
import io.perimeter.cloud.findings.Severity;
import io.perimeter.cloud.inventory.Dashboard;
import io.perimeter.cloud.inventory.DashboardView;
import io.perimeter.console.identity.SignedIn;
import java.util.Map;

/** The tenant at a glance: counts, findings over time, the most sensitive endpoints, the edges' health. */
@Controller
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class DashboardController {
    private final Dashboard dashboard;

    DashboardController(Dashboard dashboard) {
        this.dashboard = dashboard;
    }

    @Get
    @View("dashboard/show")
    Map<String, Object> show(SignedIn signedIn) {
        DashboardView view = dashboard.of(signedIn.person().tenantId());
        long mostEndpoints = view.endpointsByDataClass().values().stream().mapToLong(Long::longValue).max().orElse(1);
        return Map.of("dashboard", view, "chart", FindingsChart.of(view.openedPerDay(), Severity.ids()),
                "severities", Severity.ids(), "mostEndpoints", mostEndpoints);
    }
}
