package io.perimeter.cloud.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.query.Page;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.UUID;

/** The tenant's findings and their triage: every member reads them, analysts and above triage them. */
@Controller("/api/v1/findings")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "findings")
@SecurityRequirement(name = "keycloak")
class FindingController {
    private final FindingCatalog findings;
    private final Triage triage;

    FindingController(FindingCatalog findings, Triage triage) {
        this.findings = findings;
        this.triage = triage;
    }

    /**
     * Findings, filtered and sorted ({@code lastSeen}, default; {@code firstSeen}; {@code severity}; {@code count}),
     * one page at a time. Repeated filter values (or comma-separated ones) match any of them.
     *
     * @param category an OWASP API Security Top 10 (2023) category such as {@code API3:2023}, or {@code ATTACK}
     */
    @Get
    Page<FindingView> list(Person person, @QueryValue @Nullable List<String> severity,
                           @QueryValue @Nullable List<String> status, @QueryValue @Nullable List<String> category,
                           @QueryValue @Nullable UUID endpointId, @QueryValue @Nullable UUID serviceId,
                           @QueryValue @Nullable String assignee, @QueryValue(defaultValue = "lastSeen") String sort,
                           @QueryValue @Nullable String cursor,
                           @QueryValue(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return findings.list(person.tenantId(),
                new FindingCatalog.Filter(severity, status, category, endpointId, serviceId, assignee), sort, cursor,
                limit);
    }

    /** The finding with its redacted evidence and its triage history. */
    @Get("/{findingId}")
    FindingDetail get(Person person, UUID findingId) {
        return findings.get(person.tenantId(), findingId);
    }

    @Get("/{findingId}/events")
    List<FindingEventView> events(Person person, UUID findingId) {
        return findings.events(person.tenantId(), findingId);
    }

    /**
     * Moves the finding through the workflow (analyst): open → acknowledged → resolved, false_positive or
     * risk_accepted (these two need a comment); a closed finding may be reopened. Another move is a 409.
     */
    @Post("/{findingId}/transitions")
    FindingDetail transition(Person person, UUID findingId, @Body @Valid TriageRequests.Transition request) {
        return triage.transition(person, findingId, request);
    }

    @Post("/{findingId}/comments")
    @Status(HttpStatus.CREATED)
    FindingEventView comment(Person person, UUID findingId, @Body @Valid TriageRequests.Comment request) {
        return triage.comment(person, findingId, request);
    }

    /** Assigns the finding to a member of the tenant, or unassigns it with {@code null} (analyst). */
    @Put("/{findingId}/assignee")
    FindingDetail assign(Person person, UUID findingId, @Body @Valid TriageRequests.Assignment request) {
        return triage.assign(person, findingId, request);
    }
}
