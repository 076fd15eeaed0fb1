package io.perimeter.cloud.identity;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bearer secret that names its own row: {@code <kind>.<uuid>.<secret>}, the secret being 256 random bits. The id
 * finds the row in one indexed read; only the SHA-256 of the secret is stored, and it is compared in constant time.
 * Valid as an RFC 6750 bearer token, and recognisable in a leak report by its prefix.
 *
 * @param kind   {@code pe1} for edge credentials, {@code pet1} for enrollment tokens
 * @param id     the row's id
 * @param secret the secret part, base64url without padding
 */
public record SecretToken(String kind, UUID id, String secret) {
    /** Edge credentials. */
    public static final String EDGE_CREDENTIAL = "pe1";
    /** One-time enrollment tokens. */
    public static final String ENROLLMENT = "pet1";

    private static final Pattern SHAPE = Pattern.compile(
            "([a-z0-9]{2,8})\\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh token of {@code kind} for the row {@code id}. */
    public static SecretToken issue(String kind, UUID id) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new SecretToken(kind, id, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Reads {@code text} as a token of {@code kind}; empty if it has another kind or shape. */
    public static Optional<SecretToken> parse(String kind, String text) {
        if (text == null || text.length() > 128) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches() || !m.group(1).equals(kind)) {
            return Optional.empty();
        }
        return Optional.of(new SecretToken(kind, UUID.fromString(m.group(2)), m.group(3)));
    }

    /** What is stored: SHA-256 of the secret. */
    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** Whether this token's secret is the one whose hash is {@code stored}, in constant time. */
    public boolean matches(byte[] stored) {
        return stored != null && MessageDigest.isEqual(hash(), stored);
    }

    /** The token as the bearer presents it. Never log it. */
    public String value() {
        return kind + "." + id + "." + secret;
    }

    @Override
    public String toString() {
        return "SecretToken[" + kind + "." + id + ".***]";
    }
}
