package io.perimeter.cloud.playbooks;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.Person;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;

/**
 * Remediation playbooks: the tenant's own and the built-in ones (every member reads them), created, edited and
 * deleted by analysts; and the destinations their actions deliver to (admins; secrets are write-only).
 */
@Controller("/api/v1")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "playbooks")
@SecurityRequirement(name = "keycloak")
class PlaybookController {
    private final PlaybookLibrary library;

    PlaybookController(PlaybookLibrary library) {
        this.library = library;
    }

    /** The tenant's playbooks, then the built-in ones ({@code builtIn: true}). */
    @Get("/playbooks")
    List<Playbook> list(Person person) {
        return library.list(person.tenantId());
    }

    @Get("/playbooks/{playbookId}")
    Playbook get(Person person, String playbookId) {
        return library.get(person.tenantId(), playbookId);
    }

    /** A new playbook, or a copy of a built-in one ({@code basedOn}) with the members given replaced (analyst). */
    @Post("/playbooks")
    @Status(HttpStatus.CREATED)
    Playbook create(Person person, @Body PlaybookRequests.PlaybookInput input) {
        return library.create(person, input);
    }

    /** Replaces the members given (analyst); built-in playbooks cannot be changed (409). */
    @Put("/playbooks/{playbookId}")
    Playbook update(Person person, String playbookId, @Body PlaybookRequests.PlaybookInput input) {
        return library.update(person, playbookId, input);
    }

    @Delete("/playbooks/{playbookId}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(Person person, String playbookId) {
        library.delete(person, playbookId);
    }

    /** Where actions deliver: never the secret, and a Slack URL only as its host. */
    @Get("/playbook-destinations")
    List<DestinationView> destinations(Person person) {
        return library.destinations(person.tenantId());
    }

    /**
     * A webhook (signing key as secret), a Slack incoming webhook, a Jira site (API token as secret; project,
     * username, issueType, apiVersion) or a Kong Admin API (optional admin token; service) (admin).
     */
    @Post("/playbook-destinations")
    @Status(HttpStatus.CREATED)
    DestinationView addDestination(Person person, @Body PlaybookRequests.DestinationInput input) {
        return library.addDestination(person, input);
    }

    @Delete("/playbook-destinations/{destinationId}")
    @Status(HttpStatus.NO_CONTENT)
    void deleteDestination(Person person, UUID destinationId) {
        library.deleteDestination(person, destinationId);
    }
}
