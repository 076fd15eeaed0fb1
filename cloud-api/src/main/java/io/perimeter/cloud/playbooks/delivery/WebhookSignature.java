package io.perimeter.cloud.playbooks.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a generic webhook delivery: {@code X-Perimeter-Signature: v1=<hex HMAC-SHA256>} over
 * {@code <X-Perimeter-Timestamp>.<body>} with the destination's signing key (UTF-8 bytes). Receivers recompute it,
 * compare in constant time and refuse timestamps older than a few minutes (replays).
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Perimeter-Signature";
    public static final String TIMESTAMP_HEADER = "X-Perimeter-Timestamp";

    private WebhookSignature() {
    }

    /** {@code v1=<hex>} for {@code body} sent at {@code epochSeconds}. */
    public static String sign(String key, long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} is the one for {@code body} at {@code epochSeconds}, compared in constant time. */
    public static boolean verify(String key, long epochSeconds, String body, String signature) {
        return MessageDigest.isEqual(sign(key, epochSeconds, body).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }
}
