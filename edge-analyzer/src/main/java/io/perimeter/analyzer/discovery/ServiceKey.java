package io.perimeter.analyzer.discovery;

import java.util.Comparator;
import java.util.Objects;

/**
 * What identifies a service: the server side only, never a client.
 *
 * @param host        the host name from the {@code Host} header (or the absolute request target), lower
 *                    case and without port; the server's IP address when there is no usable one
 * @param port        the server's port
 * @param processName the serving process's name when the sensor watched the server side; empty when it
 *                    watched a client (the service is then a remote API called from this host)
 */
public record ServiceKey(String host, int port, String processName) implements Comparable<ServiceKey> {

    /** Where calls go once {@link InventorySettings#maxServices()} services exist. */
    public static final ServiceKey OVERFLOW = new ServiceKey("(other)", 0, "");

    private static final Comparator<ServiceKey> ORDER = Comparator.comparing(ServiceKey::host)
            .thenComparingInt(ServiceKey::port).thenComparing(ServiceKey::processName);

    public ServiceKey {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(processName, "processName");
    }

    @Override
    public int compareTo(ServiceKey o) {
        return ORDER.compare(this, o);
    }
}
