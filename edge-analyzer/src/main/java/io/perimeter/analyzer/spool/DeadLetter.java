package io.perimeter.analyzer.spool;

import java.time.Instant;
import java.util.Optional;

/**
 * A batch that the control plane refused for good (HTTP 400, 413, 422), kept in the spool's dead-letter area for an
 * operator. Only the status code and a problem type token are recorded about the refusal: never a response body.
 *
 * @param batchId     the batch's id
 * @param status      the HTTP status of the refusal
 * @param problemType a short token naming the problem ({@code schema-violation}), if the response named one that fits
 *                    {@link Spool#PROBLEM_TYPE}
 * @param bytes       the gzipped size of the batch, which is kept
 * @param at          when it was moved here
 */
public record DeadLetter(String batchId, int status, Optional<String> problemType, long bytes, Instant at) {}
