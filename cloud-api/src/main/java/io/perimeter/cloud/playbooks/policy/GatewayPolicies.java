package io.perimeter.cloud.playbooks.policy;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The policy files of every gateway, by gateway. */
@Singleton
public final class GatewayPolicies {
    private final Map<Gateway, PolicyRenderer> renderers = new EnumMap<>(Gateway.class);

    GatewayPolicies(List<PolicyRenderer> renderers) {
        renderers.forEach(r -> this.renderers.put(r.gateway(), r));
    }

    /** The files for {@code gateway}; a {@link PolicyException} when it cannot express the target. */
    public List<PolicyFile> render(Gateway gateway, PolicyTarget target) {
        return renderers.get(gateway).render(target);
    }

    /** Renderers without a bean context, for tests and tools. */
    public static GatewayPolicies standalone() {
        return new GatewayPolicies(List.of(new NginxPolicy(), new EnvoyPolicy(), new KongPolicy(),
                new ModSecurityPolicy(), new AwsWafPolicy()));
    }
}
