package io.perimeter.cloud.playbooks.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The gateways policies are generated for, by the id playbooks name them with. */
public enum Gateway {
    NGINX("nginx", "text/plain"),
    ENVOY("envoy", "application/yaml"),
    KONG("kong", "application/json"),
    MODSECURITY("modsecurity", "text/plain"),
    AWS_WAF("aws-waf", "application/json");

    private final String id;
    private final String mediaType;

    Gateway(String id, String mediaType) {
        this.id = id;
        this.mediaType = mediaType;
    }

    public String id() {
        return id;
    }

    public String mediaType() {
        return mediaType;
    }

    public static Optional<Gateway> of(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Gateway::id).toList();
    }
}
