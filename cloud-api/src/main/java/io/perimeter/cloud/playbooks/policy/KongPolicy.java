package io.perimeter.cloud.playbooks.policy;

import static io.perimeter.cloud.playbooks.policy.Documents.map;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Kong: the Admin API calls, as a JSON array of {@code {method, path, body}}. A regex route for the finding's route
 * on the upstream service (upserted by name, with a high {@code regex_priority} so it wins over the service's prefix
 * routes), then a plugin on it (upserted by an id derived from the finding, so a retried delivery changes nothing):
 * {@code request-termination} (403) to block the route, {@code rate-limiting} per client IP. Kong's open-source
 * plugins do not match query syntax, so block-pattern is not offered for Kong.
 */
@Singleton
final class KongPolicy implements PolicyRenderer {

    @Override
    public Gateway gateway() {
        return Gateway.KONG;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        Map<String, Object> plugin = switch (target.mode()) {
            case BLOCK_ROUTE -> map("name", "request-termination",
                    "config", map("status_code", 403, "message", "Blocked by security policy " + name));
            case RATE_LIMIT -> map("name", "rate-limiting",
                    "config", map("minute", target.ratePerMinute(), "limit_by", "ip", "policy", "local"));
            case BLOCK_PATTERN -> throw new PolicyException(
                    "Kong's open-source plugins cannot match query syntax: use block-route or rate-limit for Kong");
        };
        UUID pluginId = UUID.nameUUIDFromBytes((name + ":" + target.mode().id()).getBytes(StandardCharsets.UTF_8));
        List<Object> calls = List.of(
                map("method", "PUT", "path", "/services/" + target.upstream() + "/routes/" + name,
                        "body", map("name", name, "paths", List.of("~" + target.routeRegex()),
                                "methods", List.of(target.method()), "strip_path", false, "regex_priority", 1000)),
                map("method", "PUT", "path", "/routes/" + name + "/plugins/" + pluginId, "body", plugin));
        return List.of(new PolicyFile(name + ".kong.json", "Kong Admin API calls, in order", "application/json",
                Documents.json(calls)));
    }
}
