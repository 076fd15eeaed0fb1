package io.perimeter.cloud.playbooks.policy;

import static io.perimeter.cloud.playbooks.policy.Documents.map;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Envoy: an RBAC HTTP filter with a DENY policy for the route (and, for attacks, the query syntax on {@code :path}),
 * or a local rate limit: the {@code local_ratelimit} HTTP filter (off by default) and a route that turns it on for
 * the finding's route. Envoy's local rate limit is one token bucket per Envoy instance and route, not per client.
 * Regular expressions are RE2.
 */
@Singleton
final class EnvoyPolicy implements PolicyRenderer {

    @Override
    public Gateway gateway() {
        return Gateway.ENVOY;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        Map<String, Object> method = map("header", map("name", ":method", "string_match", map("exact", target.method())));
        Map<String, Object> path = map("url_path", map("path", map("safe_regex", map("regex", target.re2RouteRegex()))));
        if (target.mode() == PolicyMode.RATE_LIMIT) {
            Map<String, Object> filter = map("name", "envoy.filters.http.local_ratelimit", "typed_config", map(
                    "@type", "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
                    "stat_prefix", "perimeter_local_rate_limit"));
            Map<String, Object> route = map("name", name,
                    "match", map("safe_regex", map("regex", target.re2RouteRegex()),
                            "headers", List.of(map("name", ":method", "string_match", map("exact", target.method())))),
                    "route", map("cluster", target.upstream()),
                    "typed_per_filter_config", map("envoy.filters.http.local_ratelimit", map(
                            "@type", "type.googleapis.com/envoy.extensions.filters.http.local_ratelimit.v3.LocalRateLimit",
                            "stat_prefix", name,
                            "status", map("code", "TooManyRequests"),
                            "token_bucket", map("max_tokens", target.ratePerMinute(),
                                    "tokens_per_fill", target.ratePerMinute(), "fill_interval", "60s"),
                            "filter_enabled", map("runtime_key", name + "_enabled",
                                    "default_value", map("numerator", 100, "denominator", "HUNDRED")),
                            "filter_enforced", map("runtime_key", name + "_enforced",
                                    "default_value", map("numerator", 100, "denominator", "HUNDRED")))));
            return List.of(
                    new PolicyFile(name + ".filter.yaml", "add to http_filters, before envoy.filters.http.router",
                            "application/yaml", Documents.yaml(filter)),
                    new PolicyFile(name + ".route.yaml", "add to the virtual host's routes, before the catch-all route",
                            "application/yaml", Documents.yaml(route)));
        }
        List<Object> rules = new ArrayList<>(List.of(method, path));
        if (target.mode() == PolicyMode.BLOCK_PATTERN) {
            String pattern = target.pattern().startsWith("(?i)") ? "(?i:" + target.pattern().substring(4) + ")"
                    : target.pattern();
            rules.add(map("header", map("name", ":path", "string_match",
                    map("safe_regex", map("regex", "^[^?]*\\?.*" + pattern)))));
        }
        Map<String, Object> filter = map("name", "envoy.filters.http.rbac", "typed_config", map(
                "@type", "type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC",
                "rules", map("action", "DENY", "policies", map(name, map(
                        "permissions", List.of(map("and_rules", map("rules", rules))),
                        "principals", List.of(map("any", true)))))));
        return List.of(new PolicyFile(name + ".rbac.yaml", "add to http_filters, before envoy.filters.http.router",
                "application/yaml", Documents.yaml(filter)));
    }
}
