package io.perimeter.cloud.playbooks.delivery;

import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * One HTTP request an action sends. {@code headers} may hold credentials (Authorization, the signature): only
 * {@link #redacted()} is ever shown or stored.
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, String body) {
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "kong-admin-token");

    /** The request as a preview may show it: secret headers masked, a Slack URL reduced to its host. */
    public Map<String, Object> redacted(boolean hidePath) {
        Map<String, String> shown = new java.util.TreeMap<>();
        headers.forEach((name, value) -> shown.put(name,
                SECRET_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) ? "(secret)" : value));
        String url = hidePath ? uri.getScheme() + "://" + uri.getAuthority() + "/…" : uri.toString();
        return Map.of("method", method, "url", url, "headers", shown, "body", body);
    }

    public Map<String, Object> redacted() {
        return redacted(false);
    }

    /** Method and host only: the path, headers and body may carry secrets. */
    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + uri.getScheme() + "://" + uri.getAuthority() + "]";
    }
}
