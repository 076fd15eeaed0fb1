package io.perimeter.cloud.identity;

import java.util.UUID;

/** An enrolled edge, authenticated by its credential. */
public record EdgeCaller(UUID edgeId, UUID tenantId) {
    /** The Micronaut Security role of edges. */
    public static final String ROLE = "edge";
    /** Authentication attributes set by the credential check. */
    public static final String EDGE_ID = "perimeter.edge_id";
    public static final String TENANT_ID = "perimeter.tenant_id";

    /** The name written to audit trails. */
    public String actor() {
        return "edge:" + edgeId;
    }
}
