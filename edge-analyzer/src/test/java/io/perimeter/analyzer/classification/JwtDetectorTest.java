package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtDetectorTest {

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final String PAYLOAD = b64("{\"sub\":\"1234567890\",\"name\":\"Jane\",\"iat\":1516239022}");
    private static final String SIGNATURE = b64(new byte[32]);

    @Test
    void acceptsSignedTokens() {
        assertThat(JwtDetector.isJwt(b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE)).isTrue();
        assertThat(JwtDetector.isJwt(b64("{\"typ\":\"JWT\",\"alg\":\"RS256\",\"kid\":\"k1\"}") + "." + PAYLOAD + "." + b64(new byte[256]))).isTrue();
        // With an embedded JWK and whitespace.
        String header = "{ \"alg\": \"ES256\", \"jwk\": {\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"f83O\",\"y\":\"x_FE\"} }";
        assertThat(JwtDetector.isJwt(b64(header) + "." + PAYLOAD + "." + SIGNATURE)).isTrue();
    }

    @Test
    void acceptsUnsecuredTokenWithEmptySignature() {
        assertThat(JwtDetector.isJwt(b64("{\"alg\":\"none\"}") + "." + PAYLOAD + ".")).isTrue();
    }

    @Test
    void acceptsEncryptedTokens() {
        String header = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}");
        String jwe = header + "." + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(new byte[40]) + "." + b64(new byte[16]);
        assertThat(JwtDetector.isJwt(jwe)).isTrue();
        String noEnc = b64("{\"alg\":\"RSA-OAEP\"}") + "." + b64(new byte[256]) + "." + b64(new byte[12]) + "." + b64(new byte[40]) + "." + b64(new byte[16]);
        assertThat(JwtDetector.isJwt(noEnc)).isFalse();
    }

    @Test
    void rejectsHeaderWithoutAlg() {
        // A Flask session cookie: JSON payload, timestamp, signature.
        assertThat(JwtDetector.isJwt(b64("{\"user_id\":42,\"_fresh\":true}") + ".ZmFrZQ." + SIGNATURE)).isFalse();
        assertThat(JwtDetector.isJwt(b64("{\"typ\":\"JWT\"}") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
        // "alg" nested, not top level.
        assertThat(JwtDetector.isJwt(b64("{\"x\":{\"alg\":\"HS256\"}}") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
        // "alg" not a string.
        assertThat(JwtDetector.isJwt(b64("{\"alg\":256}") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
    }

    @Test
    void rejectsHeaderThatIsNotJson() {
        assertThat(JwtDetector.isJwt(b64("{\"alg\":\"HS256\"") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
        assertThat(JwtDetector.isJwt(b64("{\"alg\":\"HS256\"}}") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
        assertThat(JwtDetector.isJwt(b64("{\"alg\":\"HS256\",}") + "." + PAYLOAD + "." + SIGNATURE)).isFalse();
        assertThat(JwtDetector.isJwt("eyJhbGciOiJIUzI1NiJ9garbage." + PAYLOAD + "." + SIGNATURE)).isFalse();
    }

    @Test
    void rejectsWrongStructure() {
        String header = b64("{\"alg\":\"HS256\"}");
        assertThat(JwtDetector.isJwt(header + "." + PAYLOAD)).isFalse(); // two parts
        assertThat(JwtDetector.isJwt(header + "." + PAYLOAD + "." + SIGNATURE + "." + SIGNATURE)).isFalse(); // four
        assertThat(JwtDetector.isJwt(header + "." + PAYLOAD + "." + SIGNATURE + "=")).isFalse(); // padding
        assertThat(JwtDetector.isJwt(header + "." + PAYLOAD + "+x." + SIGNATURE)).isFalse(); // not base64url
        assertThat(JwtDetector.isJwt(header + ".." + SIGNATURE)).isFalse(); // empty payload
        assertThat(JwtDetector.isJwt(header + "." + b64("not json") + "." + SIGNATURE)).isFalse(); // payload not an object
        assertThat(JwtDetector.isJwt("api.example.com")).isFalse();
    }
}
