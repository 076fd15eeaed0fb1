package io.perimeter.analyzer.discovery;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One service of the inventory and its endpoints.
 *
 * @param key               host, port and serving process
 * @param tlsSeen           some calls came through the TLS library
 * @param plaintextSeen     some calls were plain HTTP
 * @param calls             calls observed
 * @param firstSeen         the first call's start
 * @param lastSeen          the last call's start
 * @param clientProcesses   names of local processes seen calling the service when the sensor watched the
 *                          client side (at most 16); process names, never addresses
 * @param unattributedCalls calls not attributed to an endpoint because the endpoint cap was reached
 * @param templater         the path templater's counters
 * @param endpoints         endpoints sorted by template, then method
 */
public record Service(
        ServiceKey key,
        boolean tlsSeen,
        boolean plaintextSeen,
        long calls,
        Instant firstSeen,
        Instant lastSeen,
        Set<String> clientProcesses,
        long unattributedCalls,
        TemplaterStats templater,
        List<Endpoint> endpoints) {

    public Service {
        Objects.requireNonNull(key, "key");
        clientProcesses = Set.copyOf(clientProcesses);
        endpoints = List.copyOf(endpoints);
    }
}
