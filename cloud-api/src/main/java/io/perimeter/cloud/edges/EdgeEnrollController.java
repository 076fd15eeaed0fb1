package io.perimeter.cloud.edges;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perimeter.cloud.identity.EdgeCaller;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** What edges call about themselves: enroll with a one-time token, rotate their credential. */
@Controller("/edge/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "edge")
class EdgeEnrollController {
    private final Enrollment enrollment;

    EdgeEnrollController(Enrollment enrollment) {
        this.enrollment = enrollment;
    }

    /** Exchanges a one-time enrollment token for the edge's id and credential. The token is the authentication. */
    @Post("/enroll")
    @Status(HttpStatus.CREATED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    EnrollmentRequests.Enrolled enroll(@Body @Valid EnrollmentRequests.Enroll request) {
        return enrollment.enroll(request);
    }

    /** Replaces the calling edge's credential with a new one; the old one stops working at once. */
    @Post("/credential")
    @Secured(EdgeCaller.ROLE)
    @SecurityRequirement(name = "edge")
    EnrollmentRequests.Rotated rotate(EdgeCaller edge) {
        return enrollment.rotate(edge);
    }
}
