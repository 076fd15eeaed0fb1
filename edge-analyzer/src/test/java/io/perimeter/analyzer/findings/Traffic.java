package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.sensor.call.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/** {@link ApiCallBuilder}s for the findings tests: an API server on 10.0.0.5:8443 (TLS) watched on the server side by default. */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Traffic() {}

    static ApiCallBuilder call(String method, String target) {
        return ApiCallBuilder.call(method, target)
                .at(T0)
                .took(Duration.ofMillis(5))
                .client("203.0.113.10", 50_000)
                .server("10.0.0.5", 8443)
                .process(new ProcessInfo(321, "api-server"))
                .tls()
                .host("api.shop.test");
    }

    static ApiCallBuilder get(String target) {
        return call("GET", target);
    }

    /** A compact JWS with the given header and claims (JSON) and a dummy signature ("" for none). */
    static String jwt(String headerJson, String claimsJson, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    /** A signed-looking HS256 token for {@code sub}, expiring at {@code exp} (epoch seconds). */
    static String jwt(String sub, long exp) {
        return jwt("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", "{\"sub\":\"" + sub + "\",\"exp\":" + exp + "}", "c2lnbmF0dXJl");
    }
}
