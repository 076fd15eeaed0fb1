package io.perimeter.analyzer.findings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.Optional;

/**
 * A JWS in compact form, decoded <em>without</em> checking its signature (the edge has no keys and needs none: it
 * only looks at what the token claims). Kept in memory for one call; never stored.
 *
 * @param header    the JOSE header
 * @param claims    the payload's claims (an object)
 * @param signed    true when the third part (the signature) is not empty
 */
record Jwt(JsonNode header, JsonNode claims, boolean signed) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LENGTH = 16_384;

    /** The decoded token, or empty when {@code token} is not a JWS with JSON header and payload. */
    static Optional<Jwt> decode(String token) {
        if (token.length() > MAX_LENGTH || !token.startsWith("eyJ")) {
            return Optional.empty();
        }
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return Optional.empty(); // not three parts (a JWE has five: its payload is encrypted)
        }
        try {
            Base64.Decoder base64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(base64.decode(strip(token.substring(0, first))));
            JsonNode claims = JSON.readTree(base64.decode(strip(token.substring(first + 1, second))));
            if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Jwt(header, claims, second + 1 < token.length()));
        } catch (Exception e) {
            return Optional.empty(); // not base64url JSON: an opaque token (the exception could quote it: dropped)
        }
    }

    private static String strip(String part) {
        int end = part.length();
        while (end > 0 && part.charAt(end - 1) == '=') {
            end--;
        }
        return part.substring(0, end);
    }

    /** The {@code alg} header, "" when missing. */
    String algorithm() {
        JsonNode alg = header.get("alg");
        return alg != null && alg.isTextual() ? alg.asText() : "";
    }

    /** The {@code exp} claim in epoch seconds, when it is a number. */
    Optional<Long> expiresAt() {
        JsonNode exp = claims.get("exp");
        return exp != null && exp.isNumber() ? Optional.of(exp.asLong()) : Optional.empty();
    }

    /** True when there is an {@code exp} member at all (even a malformed one). */
    boolean hasExpiryClaim() {
        return claims.has("exp");
    }
}
