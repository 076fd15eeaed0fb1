package io.perimeter.analyzer.enrollment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The control plane an edge talks to, by its base URL, and the two endpoints the edge uses under it: enrollment
 * ({@code POST /edge/v1/enroll}) and ingest ({@code POST /ingest/v1/batches}).
 *
 * <p>Only {@code https}, or plain {@code http} to a loopback address (tests, local runs): the enrollment token and the
 * edge credential travel to it. No user info, query or fragment, which could only be mistakes or carry secrets.
 *
 * @param base the base URL without a trailing slash, e.g. {@code https://perimeter.example.com}
 */
public record CloudEndpoint(URI base) {
    static final String ENROLL_PATH = "/edge/v1/enroll";
    static final String INGEST_PATH = "/ingest/v1/batches";

    public CloudEndpoint {
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        String host = base.getHost();
        if (host == null || base.getRawUserInfo() != null || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("the cloud URL needs a host and no user info, query or fragment: " + base);
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if (!scheme.equals("https") && !(scheme.equals("http") && loopback)) {
            throw new IllegalArgumentException("the cloud URL must be https (plain http only to a loopback address): " + base);
        }
        if (base.getRawPath() != null && base.getRawPath().endsWith("/")) {
            base = URI.create(base.toString().replaceAll("/+$", ""));
        }
    }

    /**
     * Parses a cloud URL as an operator writes it.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    public static CloudEndpoint parse(String url) {
        try {
            return new CloudEndpoint(new URI(url.strip()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
    }

    /** {@code POST} here exchanges an enrollment token for the edge credential. */
    public URI enroll() {
        return URI.create(base + ENROLL_PATH);
    }

    /** {@code POST} here ships a batch. */
    public URI ingest() {
        return URI.create(base + INGEST_PATH);
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
