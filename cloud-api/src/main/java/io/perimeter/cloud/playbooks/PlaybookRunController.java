package io.perimeter.cloud.playbooks;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Playbooks on findings: the one that applies with its actions rendered, runs, and their approval. */
@Controller("/api/v1")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "playbooks")
@SecurityRequirement(name = "keycloak")
class PlaybookRunController {
    private final PlaybookRuns runs;

    PlaybookRunController(PlaybookRuns runs) {
        this.runs = runs;
    }

    /** The playbook that applies to the finding, its steps, and every action rendered; nothing is stored or sent. */
    @Get("/findings/{findingId}/playbook")
    Map<String, Object> preview(Person person, UUID findingId) {
        return runs.preview(person, findingId);
    }

    @Get("/findings/{findingId}/playbook-runs")
    List<RunView> list(Person person, UUID findingId) {
        return runs.forFinding(person.tenantId(), findingId);
    }

    /**
     * Runs a playbook on the finding (analyst): {@code dryRun} (default true) renders and records what would be sent;
     * a real run is sent at once, or waits for another analyst's approval when it changes traffic.
     */
    @Post("/findings/{findingId}/playbook-runs")
    @Status(HttpStatus.CREATED)
    RunView start(Person person, UUID findingId, @Body PlaybookRequests.RunRequest request) {
        return runs.start(person, findingId, request);
    }

    @Get("/playbook-runs/{runId}")
    RunView get(Person person, UUID runId) {
        return runs.get(person.tenantId(), runId);
    }

    /** Approves a waiting run and sends it (an analyst, admin or owner other than the one who asked). */
    @Post("/playbook-runs/{runId}/approve")
    RunView approve(Person person, UUID runId) {
        return runs.approve(person, runId);
    }

    @Post("/playbook-runs/{runId}/reject")
    RunView reject(Person person, UUID runId) {
        return runs.reject(person, runId);
    }
}
