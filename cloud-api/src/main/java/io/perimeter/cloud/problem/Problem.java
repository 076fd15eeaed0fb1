package io.perimeter.cloud.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An error as RFC 9457 problem details. {@code type} ends with a short token that clients may act on (the edge's
 * shipper keeps only that token); {@code detail} explains in words, and never repeats a submitted value.
 *
 * @param errors the individual violations of a request, for 400 and 422
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<String> errors) {
    /** Where the problem types are documented. */
    public static final String TYPE_BASE = "https://perimeter.dev/problems/";

    /** The media type of problem documents. */
    public static final String MEDIA_TYPE = "application/problem+json";
}
