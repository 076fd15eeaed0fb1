package io.perimeter.cloud.ingest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.perimeter.cloud.identity.EdgeCaller;
import io.perimeter.cloud.problem.Problem;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /ingest/v1/batches}: an edge hands over one perimeter-contract batch. 202 when it is stored durably
 * now, 200 when it was stored before (a replay); see {@code docs/ingest.md} for every refusal.
 */
@Controller("/ingest/v1/batches")
@Secured(EdgeCaller.ROLE)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "ingest")
@SecurityRequirement(name = "edge")
class IngestController {
    private static final Logger LOG = LoggerFactory.getLogger(IngestController.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    private final BatchScreening screening;
    private final RecentBatches recent;
    private final BatchIntake intake;
    private final IngestSettings settings;

    IngestController(BatchScreening screening, RecentBatches recent, BatchIntake intake, IngestSettings settings) {
        this.screening = screening;
        this.recent = recent;
        this.intake = intake;
        this.settings = settings;
    }

    /** Takes one batch, gzipped or not; the batch's edgeId must be the calling edge's id. */
    @Post
    @Consumes({MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM})
    HttpResponse<?> ingest(EdgeCaller edge, @Body InputStream body,
                           @Nullable @Header(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                           @Nullable @Header("Idempotency-Key") String idempotencyKey) {
        byte[] bytes = BatchBody.read(body, contentEncoding, settings.maxBatchBytes());
        Batch batch = screening.screen(bytes, edge, idempotencyKey);
        if (recent.accepted(batch)) {
            return HttpResponse.ok(IngestReceipt.duplicate(batch.id()));
        }
        IngestReceipt receipt;
        try {
            receipt = intake.accept(batch);
        } catch (IngestUnavailableException e) {
            LOG.warn("batch {} of edge {} not taken: {} ({})", batch.id(), edge.edgeId(), e.getMessage(),
                    ApplyFailure.describe(e.getCause()));
            return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .contentType(MediaType.of(Problem.MEDIA_TYPE))
                    .body(new Problem(Problem.TYPE_BASE + "ingest-unavailable", "Service Unavailable", 503,
                            e.getMessage() + "; the batch was not stored, send it again later", null));
        }
        recent.remember(batch);
        return receipt.isDuplicate() ? HttpResponse.ok(receipt) : HttpResponse.accepted().body(receipt);
    }
}
