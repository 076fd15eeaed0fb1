package io.perimeter.cloud.playbooks.delivery;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Refuses destinations that would let a tenant reach into the cloud's own network (SSRF): schemes other than HTTPS
 * (HTTP only when allowed), user info in the URL, and hosts that resolve to a loopback, private (RFC 1918, IPv6 ULA),
 * link-local (cloud metadata at 169.254.169.254), CGNAT, wildcard or multicast address — also when the address is an
 * IPv6 one carrying such an IPv4 address (IPv4-compatible or -mapped, NAT64, 6to4, Teredo) — unless the deployment
 * allows private destinations. Checked when a destination is saved and again before every attempt, since DNS answers change.
 * Redirects are never followed (see {@link Deliverer}).
 */
@Singleton
public final class DestinationGuard {
    /** Names to addresses; the system resolver outside tests. */
    @FunctionalInterface
    interface HostResolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final DeliverySettings settings;
    private final HostResolver resolver;

    @Inject
    DestinationGuard(DeliverySettings settings) {
        this(settings, InetAddress::getAllByName);
    }

    DestinationGuard(DeliverySettings settings, HostResolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    /** The URL, parsed and checked; a {@link DestinationRefused} says why not. */
    public URI check(String url) {
        return resolve(url).uri();
    }

    /**
     * The URL, parsed and checked, with the addresses its host resolved to for the check: connect to these (see
     * {@link PinnedHttp}), not to a new answer. A {@link DestinationRefused} says why not.
     */
    public CheckedDestination resolve(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new DestinationRefused("url is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && settings.allowHttp())) {
            throw new DestinationRefused("url must be https" + (settings.allowHttp() ? " or http" : ""));
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new DestinationRefused("url must name a host, without user info");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new DestinationRefused("the url's host does not resolve");
        }
        if (addresses == null || addresses.length == 0) {
            throw new DestinationRefused("the url's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (!settings.allowPrivateDestinations() && internal(address)) {
                throw new DestinationRefused("the url's host resolves to an internal address (loopback, private, "
                        + "link-local or similar); this deployment does not send there");
            }
        }
        return new CheckedDestination(uri, List.of(addresses));
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            return first == 0 || (first == 100 && second >= 64 && second < 128) // CGNAT 100.64/10
                    || (first == 198 && (second == 18 || second == 19)) || first >= 240;
        }
        if ((bytes[0] & 0xFE) == 0xFC) {
            return true; // IPv6 unique local fc00::/7
        }
        if (prefix(bytes, 0x00, 0x64, 0xFF, 0x9B, 0x00, 0x01)) {
            return true; // local-use NAT64 64:ff9b:1::/48 (RFC 8215): translates to networks of the operator's choice
        }
        for (byte[] embedded : embeddedIpv4(bytes)) {
            try {
                if (internal(InetAddress.getByAddress(embedded))) {
                    return true;
                }
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are an IPv4 address", e);
            }
        }
        return false;
    }

    /**
     * The IPv4 addresses an IPv6 address carries, which a network may reach through it: IPv4-compatible
     * {@code ::a.b.c.d} and IPv4-mapped {@code ::ffff:a.b.c.d} (low 32 bits), NAT64 {@code 64:ff9b::/96} (RFC 6052,
     * low 32 bits), 6to4 {@code 2002::/16} (bits 16-47) and Teredo {@code 2001::/32} (the server in bits 32-63, the
     * client in the low 32 bits inverted).
     */
    static List<byte[]> embeddedIpv4(byte[] v6) {
        boolean zeroTo10 = prefix(v6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        if ((zeroTo10 && (prefix(v6, new int[12]) || (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF))
                || prefix(v6, 0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0)) {
            return List.of(Arrays.copyOfRange(v6, 12, 16));
        }
        if (prefix(v6, 0x20, 0x02)) {
            return List.of(Arrays.copyOfRange(v6, 2, 6));
        }
        if (prefix(v6, 0x20, 0x01, 0x00, 0x00)) {
            byte[] client = Arrays.copyOfRange(v6, 12, 16);
            for (int i = 0; i < client.length; i++) {
                client[i] = (byte) ~client[i];
            }
            return List.of(Arrays.copyOfRange(v6, 4, 8), client);
        }
        return List.of();
    }

    private static boolean prefix(byte[] bytes, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
