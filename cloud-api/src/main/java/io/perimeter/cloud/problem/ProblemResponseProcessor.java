package io.perimeter.cloud.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every error the server answers, its own or the framework's (unknown route, wrong method, unreadable body,
 * failed validation, denied access), as {@code application/problem+json}. Messages of unexpected exceptions never
 * reach the client: a 5xx says only that something failed on our side.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Optional<Throwable> cause = context.getRootCause();
        Problem problem;
        if (cause.isPresent() && cause.get() instanceof ApiException api) {
            response.status(api.status());
            if (api.retryAfter() != null) {
                response.header("Retry-After", Long.toString(Math.max(1, api.retryAfter().toSeconds())));
            }
            problem = new Problem(Problem.TYPE_BASE + api.type(), api.status().getReason(), api.status().getCode(),
                    api.getMessage(), api.errors());
        } else {
            HttpStatus status = response.getStatus();
            problem = new Problem(Problem.TYPE_BASE + typeOf(status), status.getReason(), status.getCode(),
                    detailOf(status, context), errorsOf(status, context));
        }
        return response.contentType(MediaType.of(Problem.MEDIA_TYPE)).body(problem);
    }

    private static String typeOf(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "bad-request";
            case UNAUTHORIZED -> "unauthenticated";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not-found";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case REQUEST_ENTITY_TOO_LARGE -> "too-large";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            default -> status.getCode() >= 500 ? "server-error" : status.getReason().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9]+", "-");
        };
    }

    /** Framework messages describe the request (a parameter name, a parse position), not stored data. */
    private static String detailOf(HttpStatus status, ErrorContext context) {
        if (status.getCode() >= 500) {
            return "the request failed on the server; it was logged";
        }
        return switch (status) {
            case UNAUTHORIZED -> "a valid bearer token is required";
            case FORBIDDEN -> "this identity may not do that";
            case NOT_FOUND -> "no such resource";
            default -> context.getErrors().stream().map(Error::getMessage).findFirst().orElse(status.getReason());
        };
    }

    private static List<String> errorsOf(HttpStatus status, ErrorContext context) {
        if (status.getCode() >= 500 || context.getErrors().size() < 2) {
            return List.of();
        }
        return context.getErrors().stream().map(Error::getMessage).toList();
    }
}
