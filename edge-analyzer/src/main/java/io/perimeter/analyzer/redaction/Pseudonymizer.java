package io.perimeter.analyzer.redaction;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed pseudonyms: HMAC-SHA-256 of a value under the {@link EdgeKey}, truncated to 128 bits, as 32 hex digits.
 * The same value always gives the same pseudonym on one edge, so the cloud can count distinct users or objects;
 * without the key, which never leaves the edge, a pseudonym cannot be tested against guesses. The kind is part of
 * the input, so a user id and an object id that are equal get different pseudonyms. Thread-safe.
 */
public final class Pseudonymizer {
    private static final HexFormat HEX = HexFormat.of();
    private final SecretKeySpec key;
    private final ThreadLocal<Mac> macs;

    public Pseudonymizer(EdgeKey edgeKey) {
        this.key = new SecretKeySpec(edgeKey.bytes(), "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The pseudonym of {@code value} of the given kind ({@code principal}, {@code object}, ...). */
    public String pseudonym(String kind, String value) {
        Mac mac = macs.get();
        mac.update(kind.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
