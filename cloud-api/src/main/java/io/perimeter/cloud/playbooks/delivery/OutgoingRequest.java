package io.perimeter.cloud.playbooks.delivery;

import java.net.URI;
import java.util.Map;

/**
 * One HTTP request an action sends, credentials (Authorization, the signature) included: built only at the moment of
 * sending from a {@code PlannedRequest}, which is what previews show and runs store.
 */
public record OutgoingRequest(String method, URI uri, Map<String, String> headers, String body) {
    /** Method and host only: the path, headers and body may carry secrets. */
    @Override
    public String toString() {
        return "OutgoingRequest[" + method + " " + uri.getScheme() + "://" + uri.getAuthority() + "]";
    }
}
