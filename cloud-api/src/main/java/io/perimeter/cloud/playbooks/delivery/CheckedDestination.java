package io.perimeter.cloud.playbooks.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.util.List;

/**
 * A destination URL that {@link DestinationGuard} has checked, with the addresses its host resolved to when it was
 * checked: the connection goes to one of these, never to a fresh DNS answer (DNS rebinding).
 */
public record CheckedDestination(URI uri, List<InetAddress> addresses) {
    public CheckedDestination {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("a checked destination has at least one address");
        }
    }
}
