package io.perimeter.analyzer.shipper;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.Supplier;

/**
 * The edge credential as the supplier gave it for one attempt: a usable bearer token, or none and why. Only a SHA-256
 * {@code fingerprint} of it outlives the attempt, to tell whether a refused credential has since changed; the
 * {@code problem} is a fixed token, never the value.
 *
 * @param token       the bearer token, or null if there is none usable
 * @param problem     why there is none ({@code credential-unavailable}, {@code credential-missing} or
 *                    {@code credential-malformed}), or null
 * @param fingerprint SHA-256 of what was supplied
 */
record EdgeCredential(String token, String problem, byte[] fingerprint) {
    /** Asks {@code supplier} for the credential; never throws on what it returns or throws. */
    static EdgeCredential read(Supplier<String> supplier) {
        String raw;
        try {
            raw = supplier.get();
        } catch (RuntimeException e) {
            return new EdgeCredential(null, "credential-unavailable", fingerprint("\0" + e.getClass().getName()));
        }
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return new EdgeCredential(null, "credential-missing", fingerprint(""));
        }
        if (!BearerToken.isWellFormed(value)) {
            return new EdgeCredential(null, "credential-malformed", fingerprint(value));
        }
        return new EdgeCredential(value, null, fingerprint(value));
    }

    private static byte[] fingerprint(String credential) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(credential.getBytes(UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
