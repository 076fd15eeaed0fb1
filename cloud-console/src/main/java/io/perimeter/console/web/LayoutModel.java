package io.perimeter.console.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.model.ViewModelProcessor;
import io.perimeter.console.identity.SignedIn;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives every page what the layout and the shared fragments use: the signed-in person ({@code me}: name, tenant,
 * role, switcher) when there is one, and the formats ({@code fmt}).
 */
@Singleton
final class LayoutModel implements ViewModelProcessor<Map<String, Object>> {
    private final Formats formats;

    LayoutModel(Formats formats) {
        this.formats = formats;
    }

    @Override
    public void process(HttpRequest<?> request, ModelAndView<Map<String, Object>> page) {
        Map<String, Object> model = new HashMap<>(page.getModel().orElse(Map.of()));
        model.put("fmt", formats);
        SignedIn.of(request).ifPresent(me -> model.put("me", me));
        page.setModel(model);
    }
}
