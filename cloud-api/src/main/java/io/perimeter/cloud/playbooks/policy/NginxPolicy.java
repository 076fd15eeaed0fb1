package io.perimeter.cloud.playbooks.policy;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * nginx: {@code map} blocks and a {@code limit_req_zone} for the http block, and the {@code if … return 403} or the
 * {@code limit_req} for the server block, plus for rate limits one shared server file with {@code limit_req_status 429}
 * (see {@link #RATE_LIMIT_STATUS}). Works beside any existing {@code location} configuration: the route is
 * matched on {@code $request_method:$uri} (decoded, normalised path), the attack syntax on {@code $args} (the raw
 * query string). Regular expressions are double-quoted and contain no double quote or backslash-quote (see
 * {@link RouteRegex}, {@link AttackPatterns}).
 */
@Singleton
final class NginxPolicy implements PolicyRenderer {
    /**
     * {@code limit_req_status} may be set once per block, so it is not in each policy's server file: every rate-limit
     * policy comes with this same file, under the same name, so that any number of them written into one directory
     * set it once.
     */
    static final PolicyFile RATE_LIMIT_STATUS = new PolicyFile("perimeter_limit_req_status.server.conf",
            "include in the server block of the API, once (the same file for every rate-limit policy)", "text/plain",
            "# Perimeter: refused rate-limited requests get 429 (shared by every Perimeter rate-limit policy)\n"
                    + "limit_req_status 429;\n");

    @Override
    public Gateway gateway() {
        return Gateway.NGINX;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        String header = "# Perimeter policy " + name + " (" + target.mode().id() + ") for finding " + target.findingId()
                + "\n";
        StringBuilder http = new StringBuilder(header);
        http.append("map \"$request_method:$uri\" $").append(name).append("_route {\n    default 0;\n    \"~^")
                .append(target.method()).append(':').append(target.routeRegex().substring(1)).append("\" 1;\n}\n");
        StringBuilder server = new StringBuilder(header);
        switch (target.mode()) {
            case BLOCK_ROUTE -> server.append("if ($").append(name).append("_route) {\n    return 403;\n}\n");
            case BLOCK_PATTERN -> {
                http.append("map $args $").append(name).append("_pattern {\n    default 0;\n    \"~")
                        .append(target.pattern()).append("\" 1;\n}\n");
                http.append("map \"$").append(name).append("_route$").append(name).append("_pattern\" $")
                        .append(name).append("_block {\n    default 0;\n    \"11\" 1;\n}\n");
                server.append("if ($").append(name).append("_block) {\n    return 403;\n}\n");
            }
            case RATE_LIMIT -> {
                http.append("map $").append(name).append("_route $").append(name)
                        .append("_client {\n    default \"\";\n    1 $binary_remote_addr;\n}\n");
                http.append("limit_req_zone $").append(name).append("_client zone=").append(name)
                        .append(":10m rate=").append(target.ratePerMinute()).append("r/m;\n");
                server.append("limit_req zone=").append(name).append(";\n");
            }
        }
        List<PolicyFile> files = new ArrayList<>();
        files.add(new PolicyFile(name + ".http.conf", "include in the http block", "text/plain", http.toString()));
        files.add(new PolicyFile(name + ".server.conf", "include in the server block of the API",
                "text/plain", server.toString()));
        if (target.mode() == PolicyMode.RATE_LIMIT) {
            files.add(RATE_LIMIT_STATUS);
        }
        return files;
    }
}
