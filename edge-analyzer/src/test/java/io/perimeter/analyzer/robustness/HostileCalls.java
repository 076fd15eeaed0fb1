package io.perimeter.analyzer.robustness;

import static io.perimeter.analyzer.robustness.PlantedValues.CARD;
import static io.perimeter.analyzer.robustness.PlantedValues.EMAIL;
import static io.perimeter.analyzer.robustness.PlantedValues.JWT;
import static io.perimeter.analyzer.robustness.PlantedValues.SSN;
import static io.perimeter.analyzer.robustness.PlantedValues.TOKEN;
import static io.perimeter.analyzer.robustness.PlantedValues.UUID;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.perimeter.analyzer.testing.ApiCallBuilder;
import io.perimeter.sensor.call.ApiCall;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Named;

/**
 * Calls no well-behaved client sends, each carrying {@link PlantedValues}: huge and numerous headers, deep and wide
 * JSON, invalid UTF-8 and binary bodies, a compression bomb, enormous numbers, traversal and absurd paths, 100,000
 * query parameters, control characters and lone surrogates, broken request lines and Host values, hostile credentials.
 * Made lazily (some are megabytes).
 */
final class HostileCalls {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private HostileCalls() {}

    static List<Named<Supplier<List<ApiCall>>>> all() {
        return List.of(
                named("a 1 MiB header value", () -> get("/api/orders/1").header("X-Trace", "a".repeat(1 << 20) + TOKEN)),
                named("10,000 headers", () -> {
                    ApiCallBuilder call = get("/api/orders/2");
                    for (int i = 0; i < 10_000; i++) {
                        call.header("X-H-" + i, i % 2 == 0 ? EMAIL : TOKEN);
                    }
                    return call;
                }),
                named("headers without a name", () -> get("/api/orders/3").header("", TOKEN).header(" ", EMAIL)),
                named("JSON nested 100,000 deep", () -> post("/api/import", "[".repeat(100_000) + "\"" + EMAIL + "\"" + "]".repeat(100_000))),
                named("objects nested 10,000 deep", () -> post("/api/import", "{\"a\":".repeat(10_000) + "{\"ssn\":\"" + SSN + "\"}" + "}".repeat(10_000))),
                named("a JSON array of 1,000,000 numbers", () -> post("/api/bulk", "[" + "12345,".repeat(999_999) + "\"" + CARD + "\"]")),
                named("an object with 100,000 distinct keys", () -> {
                    StringBuilder json = new StringBuilder("{");
                    for (int i = 0; i < 100_000; i++) {
                        json.append("\"k").append(i).append("\":\"").append(EMAIL).append("\",");
                    }
                    return post("/api/bulk", json.append("\"card\":\"").append(CARD).append("\"}").toString());
                }),
                named("a 5 MB string value", () -> post("/api/notes", "{\"note\":\"" + "x".repeat(5_000_000) + EMAIL + "\"}")),
                named("invalid UTF-8 in a JSON body", () -> call("POST", "/api/notes").body("application/json",
                        concat("{\"email\":\"".getBytes(UTF_8), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xFE},
                                EMAIL.getBytes(UTF_8), "\"}".getBytes(UTF_8)))),
                named("64 KiB of random bytes labelled JSON", () -> call("POST", "/api/upload")
                        .body("application/json", concat(random(65_536), CARD.getBytes(UTF_8)))
                        .respond(200, "application/json", concat(random(65_536), EMAIL.getBytes(UTF_8)))),
                named("a gzip bomb (20 MB of zeros) as the body", () -> call("POST", "/api/upload")
                        .header("Content-Encoding", "gzip").body("application/json", gzipOfZeros(20_000_000))),
                named("enormous numbers", () -> post("/api/numbers?n=" + "9".repeat(5_000) + "&card=" + CARD,
                        "{\"huge\": 1e999999999, \"long\": " + "7".repeat(10_000) + ", \"neg\": -" + "1".repeat(999)
                                + ", \"ssn\": \"" + SSN + "\"}")),
                named("path traversal", () -> get("/../../etc/passwd?file=../../../../" + EMAIL)),
                named("encoded traversal", () -> get("/static/%2e%2e/%2e%2e/%252e%252e/" + CARD + "/etc%2fpasswd")),
                named("10,000 path segments", () -> get("/a".repeat(10_000) + "/" + EMAIL)),
                named("a 100,000-character path segment", () -> get("/files/" + "z".repeat(100_000) + UUID)),
                named("empty segments and dots", () -> get("//////./././" + EMAIL + "/;jsessionid=" + TOKEN)),
                named("100,000 query parameters", () -> {
                    StringBuilder target = new StringBuilder("/api/search?");
                    for (int i = 0; i < 100_000; i++) {
                        target.append(i == 0 ? "" : "&").append("p").append(i).append('=').append(i % 3 == 0 ? CARD : "v");
                    }
                    return get(target.toString());
                }),
                named("parameter names with stray brackets", () -> call("POST", "/api/form?x[a]]=" + CARD + "&a[]]]=" + EMAIL + "&b[[c]]=1&]=2")
                        .body("application/x-www-form-urlencoded", "u[name]]x]=" + EMAIL + "&[]=" + SSN)),
                named("broken percent escapes", () -> get("/api/%zz%/" + EMAIL + "%?q=%E0%A4%A&email=" + EMAIL + "%")),
                named("control characters and lone surrogates", () -> get("/api/\u0000/" + EMAIL + "\uD800")
                        .header("X-Name\u0000", "\r\n" + TOKEN + "\uDFFF").header("User-Agent", "\u0007\u001b[31m" + SSN)),
                named("broken request lines", () -> call("G E T", "*").header("X-Api-Key", TOKEN)),
                named("an empty method and target", () -> call("", "").header("Authorization", "Bearer " + JWT)),
                named("a 1,000-character method", () -> call("X".repeat(1_000), "/api/" + EMAIL)),
                named("absolute form with user info", () -> call("GET", "http://user:" + TOKEN + "@evil.test:99999/api/" + CARD)),
                named("authority form", () -> call("CONNECT", EMAIL + ":443")),
                named("hostile Host values", () -> get("/api/" + UUID).host(EMAIL + "@[::1]:99999")),
                named("a 100,000-character Host", () -> get("/api/" + UUID).host("h".repeat(100_000) + TOKEN)),
                named("10,000 cookies", () -> get("/api/me").header("Cookie", ("sid=" + TOKEN + "; ").repeat(10_000) + "=;=;;e=" + EMAIL)),
                named("hostile credentials", () -> get("/api/me").header("Authorization", "Bearer " + "e".repeat(1 << 20) + JWT)
                        .header("Proxy-Authorization", "Basic !!!not-base64 " + TOKEN)
                        .header("X-Jwt", "eyJhbGciOiJub25lIn0." + "eyJ".repeat(10_000) + "." + TOKEN)),
                named("a form of 100,000 pairs and bad escapes", () -> call("POST", "/api/form")
                        .body("application/x-www-form-urlencoded", ("email=" + EMAIL + "&%zz=%&").repeat(100_000))),
                named("UTF-16 labelled JSON", () -> call("POST", "/api/notes")
                        .body("application/json; charset=utf-16", ("{\"email\":\"" + EMAIL + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_16))),
                named("odd status codes and no response", () -> get("/api/" + CARD).respond(0, "application/json", "{\"ssn\":\"" + SSN + "\"}")),
                named("status 99999 with a stack trace", () -> get("/api/" + UUID).respond(99_999, "text/plain",
                        "java.lang.IllegalStateException: " + EMAIL + "\n\tat a.B.c(B.java:1)")),
                named("a call in year -2026", () -> get("/api/" + UUID).at(Instant.parse("-2026-03-02T09:00:00Z"))),
                named("a call in year +12026", () -> get("/api/" + CARD).at(Instant.parse("+12026-03-02T09:00:00Z"))),
                named("a request without a response", () -> get("/api/" + EMAIL).status(null)));
    }

    private static Named<Supplier<List<ApiCall>>> named(String name, Supplier<ApiCallBuilder> call) {
        return Named.of(name, () -> List.of(call.get().build()));
    }

    private static ApiCallBuilder call(String method, String target) {
        return ApiCallBuilder.call(method, target)
                .at(T0)
                .took(Duration.ofMillis(3))
                .client(PlantedValues.CLIENT_IP, 40_000)
                .server("10.0.0.5", 8443)
                .tls()
                .host("api.hostile.test")
                .header("X-Forwarded-For", PlantedValues.CLIENT_IP)
                .respond(200, "application/json", "{\"email\":\"" + EMAIL + "\",\"card\":\"" + CARD + "\"}");
    }

    private static ApiCallBuilder get(String target) {
        return call("GET", target);
    }

    private static ApiCallBuilder post(String target, String json) {
        return call("POST", target).json(json);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new SplittableRandom(n).nextBytes(bytes);
        return bytes;
    }

    private static byte[] gzipOfZeros(int n) {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[65_536];
            for (int written = 0; written < n; written += zeros.length) {
                gzip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
