package io.perimeter.analyzer.findings;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;

/**
 * Tells this organisation's own hosts from third parties, by name and address only (no DNS look-up): loopback,
 * private, link-local and shared (CGNAT) addresses; {@code localhost}; names without a dot; names under
 * {@code .internal}, {@code .local}, {@code .localdomain}, {@code .lan}, {@code .home.arpa}, {@code .svc}; and the
 * configured domains with their subdomains. Thread-safe.
 */
final class InternalHosts {
    private static final List<String> INTERNAL_SUFFIXES = List.of(".internal", ".local", ".localdomain", ".lan",
            ".home.arpa", ".svc", ".intranet", ".corp");

    private final List<String> domains;

    InternalHosts(List<String> domains) {
        this.domains = List.copyOf(domains);
    }

    boolean isInternal(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (isAddressLiteral(h)) {
            return isPrivateAddress(h);
        }
        if (h.indexOf('.') < 0) {
            return true; // a single-label name only resolves inside a network
        }
        for (String suffix : INTERNAL_SUFFIXES) {
            if (h.endsWith(suffix)) {
                return true;
            }
        }
        for (String domain : domains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        return false;
    }

    static boolean isAddressLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        char c = host.charAt(0);
        if (host.indexOf(':') < 0 && !(c >= '0' && c <= '9')) {
            return false;
        }
        try {
            InetAddress.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** True for loopback, private, link-local, unspecified, shared (100.64/10) and unique-local addresses. */
    static boolean isPrivateAddress(String literal) {
        InetAddress address;
        try {
            address = InetAddress.ofLiteral(literal);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7
        }
        return false;
    }
}
