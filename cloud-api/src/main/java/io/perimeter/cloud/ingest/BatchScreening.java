package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.perimeter.cloud.identity.EdgeCaller;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.contract.ContractViolation;
import io.perimeter.contract.PerimeterContract;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Decides whether a batch may be stored, in this order: it is JSON (else 400 {@code malformed-batch}); it has no
 * forbidden member (else 422 {@code forbidden-field}); it keeps the perimeter contract (else 422
 * {@code contract-violation}); it names the edge whose credential sent it (else 403 {@code edge-mismatch}); its
 * {@code Idempotency-Key}, when given, is its batch id (else 422 {@code idempotency-key-mismatch}). Every refusal
 * names members and rules, never a value. Thread-safe.
 */
@Singleton
final class BatchScreening {
    private static final int MAX_ERRORS = 50;
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
                    .build())
            // Two members of the same name would let the stored value differ from a validated one.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final PerimeterContract contract = new PerimeterContract();

    Batch screen(byte[] body, EdgeCaller edge, @Nullable String idempotencyKey) {
        JsonNode document = parse(body);
        List<String> forbidden = ForbiddenMembers.find(document);
        if (!forbidden.isEmpty()) {
            throw ApiException.unprocessable("forbidden-field",
                    "the batch has a member that could carry a raw value; nothing of it was stored", forbidden);
        }
        List<ContractViolation> violations = contract.violations(document);
        if (!violations.isEmpty()) {
            throw ApiException.unprocessable("contract-violation",
                    violations.size() + " violation(s) of the perimeter contract (" + PerimeterContract.VERSION
                            + "); nothing of the batch was stored",
                    violations.stream().limit(MAX_ERRORS).map(ContractViolation::message).toList());
        }
        if (!document.path("edgeId").asText().equals(edge.edgeId().toString())) {
            throw ApiException.forbidden("edge-mismatch",
                    "the batch names another edge than the one whose credential sent it");
        }
        UUID batchId = UUID.fromString(document.path("batchId").asText());
        if (idempotencyKey != null && !idempotencyKey.strip().equals(batchId.toString())) {
            throw ApiException.unprocessable("idempotency-key-mismatch",
                    "the Idempotency-Key header is not the batch's batchId", List.of());
        }
        return new Batch(batchId, edge.tenantId(), edge.edgeId(), Instant.parse(document.path("createdAt").asText()),
                document);
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode document = JSON.readTree(body);
            if (document == null || document.isMissingNode()) {
                throw ApiException.badRequest("malformed-batch", "the body is empty");
            }
            return document;
        } catch (StreamConstraintsException deep) {
            throw ApiException.badRequest("malformed-batch", "the body nests deeper than any batch does");
        } catch (IOException e) {
            // Jackson's message quotes the offending text: only the position is passed on.
            String where = e instanceof JsonProcessingException json
                    && json.getLocation() != null ? " (at byte " + json.getLocation().getByteOffset() + ")" : "";
            throw ApiException.badRequest("malformed-batch", "the body is not well-formed JSON" + where);
        }
    }
}
