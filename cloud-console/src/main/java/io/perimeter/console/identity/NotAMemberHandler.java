package io.perimeter.console.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.views.ModelAndView;
import jakarta.inject.Singleton;
import java.util.Map;

/** A person without a tenant sees a page that says who can add them, not an error. */
@Singleton
@Produces
final class NotAMemberHandler implements ExceptionHandler<NotAMemberException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, NotAMemberException exception) {
        return HttpResponse.status(HttpStatus.FORBIDDEN)
                .body(new ModelAndView<>("error/no-tenant", Map.of()));
    }
}
