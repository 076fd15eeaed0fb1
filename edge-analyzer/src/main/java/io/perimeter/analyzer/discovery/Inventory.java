package io.perimeter.analyzer.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The discovered API inventory at one moment: services and their endpoints. Immutable. By construction
 * it holds no raw value of a request or response — templates instead of paths, names and types instead
 * of bodies, headers, cookies and queries, scheme names instead of credentials, server hosts and
 * process names instead of client addresses.
 *
 * @param takenAt  when the snapshot was taken
 * @param services services sorted by key
 */
public record Inventory(Instant takenAt, List<Service> services) {

    public Inventory {
        services = List.copyOf(services);
    }

    /** The service with {@code key}, if observed. */
    public Optional<Service> service(ServiceKey key) {
        return services.stream().filter(s -> s.key().equals(key)).findFirst();
    }
}
