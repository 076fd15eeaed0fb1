package io.perimeter.cloud.reports;

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
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;

/**
 * GDPR and PCI-DSS reports: analysts request them, they are generated in the background, every member follows their
 * progress and downloads them.
 */
@Controller("/api/v1/reports")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "reports")
@SecurityRequirement(name = "keycloak")
class ReportController {
    private final Reports reports;

    ReportController(Reports reports) {
        this.reports = reports;
    }

    /** The tenant's last 100 reports, newest first. */
    @Get
    List<ReportView> list(Person person) {
        return reports.list(person);
    }

    /** Queues a report (analyst): 202 with the job, whose {@code status} and {@code progress} then advance. */
    @Post
    @Status(HttpStatus.ACCEPTED)
    ReportView request(Person person, @Body @Valid ReportRequest request) {
        return reports.request(person, request);
    }

    @Get("/{reportId}")
    ReportView get(Person person, UUID reportId) {
        return reports.get(person, reportId);
    }

    /** The report's file (PDF or CSV) once it is done; 409 before. */
    @Get("/{reportId}/content")
    HttpResponse<byte[]> content(Person person, UUID reportId) {
        return reports.content(person, reportId).asAttachment();
    }
}
