package io.perimeter.console.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ViewsModelDecorator;
import io.micronaut.views.ViewsRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Errors on the console's pages are pages too. The API's services answer a refusal with a problem document (a
 * finding of another tenant is "not found", a viewer's triage is "forbidden"); on a console route it becomes the
 * console's error page with the same status, and says no more than the problem did. The API's routes keep their
 * problem documents, and the probes' health endpoint its status document. Runs outermost, so that refusals of the
 * security and CSRF filters get the page too.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ErrorPages implements Ordered {
    private static final List<String> API_PATHS = List.of("/api/", "/ingest/", "/edge/", "/openapi/", "/health");
    private static final String VIEW = "error/page";

    private final ViewsRenderer<Map<String, Object>, HttpRequest<?>> renderer;
    private final ViewsModelDecorator decorator;

    ErrorPages(ViewsRenderer<Map<String, Object>, HttpRequest<?>> renderer, ViewsModelDecorator decorator) {
        this.renderer = renderer;
        this.decorator = decorator;
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.after();
    }

    @ResponseFilter
    void page(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || API_PATHS.stream().anyMatch(request.getPath()::startsWith)
                || response.getContentType().filter(MediaType.TEXT_HTML_TYPE::matches).isPresent()) {
            return;
        }
        String kind = switch (status) {
            case 400, 422 -> "invalid";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404, 405 -> "not-found";
            case 409 -> "conflict";
            case 429 -> "busy";
            default -> "failed";
        };
        ModelAndView<Map<String, Object>> page = new ModelAndView<>(VIEW, Map.of("status", status, "kind", kind));
        decorator.decorate(request, page);
        StringWriter html = new StringWriter();
        try {
            renderer.render(VIEW, page.getModel().orElseThrow(), request).writeTo(html);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.body(html.toString()).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8");
    }
}
