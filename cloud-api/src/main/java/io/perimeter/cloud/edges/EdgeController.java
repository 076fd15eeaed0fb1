package io.perimeter.cloud.edges;

import io.micronaut.http.HttpResponse;
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
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.database.TenantTransactions;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/** The tenant's edges, and the enrollment tokens admins create for new ones. */
@Controller("/api/v1/edges")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "edges")
@SecurityRequirement(name = "keycloak")
class EdgeController {
    private final Enrollment enrollment;
    private final TenantTransactions transactions;
    private final EdgeRepository edges;

    EdgeController(Enrollment enrollment, TenantTransactions transactions, EdgeRepository edges) {
        this.enrollment = enrollment;
        this.transactions = transactions;
        this.edges = edges;
    }

    /** Every edge of the tenant, newest first, with its last contact, version and capture counters. */
    @Get
    List<EdgeView> list(Person person) {
        return transactions.read(person.tenantId(),
                () -> edges.listInTenant(person.tenantId()).stream().map(EdgeView::of).toList());
    }

    @Get("/{edgeId}")
    EdgeView get(Person person, UUID edgeId) {
        return transactions.read(person.tenantId(),
                () -> edges.findById(edgeId).map(EdgeView::of).orElseThrow(() -> ApiException.notFound("edge")));
    }

    /** A one-time enrollment token for a new edge, and the command that installs it (admin). */
    @Post("/enrollment-tokens")
    @Status(HttpStatus.CREATED)
    EnrollmentRequests.CreatedToken createToken(Person person, @Body @Valid EnrollmentRequests.CreateToken request) {
        return enrollment.createToken(person, request);
    }

    /** Revokes the edge's credential: its next request is refused (admin). */
    @Post("/{edgeId}/revoke")
    HttpResponse<EdgeView> revoke(Person person, UUID edgeId) {
        return HttpResponse.ok(enrollment.revoke(person, edgeId));
    }
}
