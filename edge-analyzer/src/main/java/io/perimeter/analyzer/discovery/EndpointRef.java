package io.perimeter.analyzer.discovery;

import java.util.Objects;

/**
 * Names the endpoint a call was attributed to, returned by {@link InventoryBuilder#observe}. Metadata
 * only. The template is the one in force when the call was observed; {@link InventoryBuilder} resolves
 * it again if a later merge changed it.
 */
public record EndpointRef(ServiceKey service, String method, String template) {

    public EndpointRef {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
    }
}
