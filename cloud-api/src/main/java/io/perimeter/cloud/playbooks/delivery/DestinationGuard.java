package io.perimeter.cloud.playbooks.delivery;

import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Refuses destinations that would let a tenant reach into the cloud's own network (SSRF): schemes other than HTTPS
 * (HTTP only when allowed), user info in the URL, and hosts that resolve to a loopback, private (RFC 1918, IPv6 ULA),
 * link-local (cloud metadata at 169.254.169.254), CGNAT, wildcard or multicast address, unless the deployment allows
 * private destinations. Checked when a destination is saved and again before every attempt, since DNS answers change.
 * Redirects are never followed (see {@link Deliverer}).
 */
@Singleton
public final class DestinationGuard {
    private final DeliverySettings settings;

    DestinationGuard(DeliverySettings settings) {
        this.settings = settings;
    }

    /** The URL, parsed and checked; a {@link DestinationRefused} says why not. */
    public URI check(String url) {
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
        if (settings.allowPrivateDestinations()) {
            return uri;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new DestinationRefused("the url's host does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address)) {
                throw new DestinationRefused("the url's host resolves to an internal address (loopback, private, "
                        + "link-local or similar); this deployment does not send there");
            }
        }
        return uri;
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
        return (bytes[0] & 0xFE) == 0xFC; // IPv6 unique local fc00::/7 (IPv4-mapped ones are mapped to v4 by Java)
    }
}
