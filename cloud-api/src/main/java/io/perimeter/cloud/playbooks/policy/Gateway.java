package io.perimeter.cloud.playbooks.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The gateways policies are generated for, by the id playbooks name them with. */
public enum Gateway {
    NGINX("nginx"),
    ENVOY("envoy"),
    KONG("kong"),
    MODSECURITY("modsecurity"),
    AWS_WAF("aws-waf");

    private final String id;

    Gateway(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Optional<Gateway> of(String id) {
        return Arrays.stream(values()).filter(g -> g.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(Gateway::id).toList();
    }
}
