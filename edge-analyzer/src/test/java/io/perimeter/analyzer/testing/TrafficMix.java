package io.perimeter.analyzer.testing;

import io.perimeter.analyzer.discovery.GroundTruthCorpus;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ProcessInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A fixed, realistic mix of API calls for benchmarks: the paths of the 13 hand-written APIs of the templating
 * ground truth ({@link GroundTruthCorpus}, sampled by route weight), JSON answers of 1–4 KB made of the labelled
 * classification corpus ({@link JsonRecords}), request bodies on writes, the headers browsers, SDKs and API gateways
 * send (bearer JWTs, API keys, session cookies, tracing ids, security headers), query strings on lists, and a few
 * errors. Same seed, same calls.
 */
public final class TrafficMix {
    public static final long SEED = 20_260_302L;
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String[] AGENTS = {
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "okhttp/4.12.0", "python-requests/2.32.3", "Go-http-client/2.0", "shop-ios/7.4.1 CFNetwork/1568 Darwin/24.0"};

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final JsonRecords records = new JsonRecords(random.split());
    private final Map<String, List<String>> shapes = new HashMap<>();

    private TrafficMix() {}

    /** {@code count} calls of the mix, in the order they would arrive. */
    public static List<ApiCall> calls(int count) {
        return new TrafficMix().generate(count);
    }

    private List<ApiCall> generate(int count) {
        List<GroundTruthCorpus.Sample> samples = new ArrayList<>();
        GroundTruthCorpus corpus = new GroundTruthCorpus(SEED);
        try {
            for (GroundTruthCorpus.Api api : GroundTruthCorpus.apis()) {
                samples.addAll(corpus.sample(api));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<ApiCall> calls = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            calls.add(call(i, samples.get(random.nextInt(samples.size()))));
        }
        return calls;
    }

    private ApiCall call(int i, GroundTruthCorpus.Sample sample) {
        GroundTruthCorpus.Api api = sample.api();
        String method = sample.method();
        boolean list = !sample.truth().endsWith("}") && method.equals("GET");
        String target = sample.path() + (list && random.nextInt(3) > 0 ? query() : "");
        ApiCallBuilder call = ApiCallBuilder.call(method, target)
                .id(i)
                .at(T0.plusMillis(i))
                .took(Duration.ofNanos(1_000 * (300 + (long) (Math.exp(random.nextGaussian() * 1.2) * 4_000))))
                .client("10.1." + random.nextInt(4) + "." + (1 + random.nextInt(250)), 30_000 + random.nextInt(30_000))
                .server("10.0.0." + (10 + Math.floorMod(api.host().hashCode(), 200)), api.port())
                .process(new ProcessInfo(1000 + Math.floorMod(api.host().hashCode(), 30_000), api.process()))
                .host(api.host() + (api.port() == 443 ? "" : ":" + api.port()))
                .header("User-Agent", AGENTS[random.nextInt(AGENTS.length)])
                .header("Accept", "application/json")
                .header("Accept-Encoding", "gzip, deflate, br")
                .header("X-Request-Id", new UUID(random.nextLong(), random.nextLong()).toString())
                .header("traceparent", "00-" + hex(32) + "-" + hex(16) + "-01");
        if (api.port() != 80 && random.nextInt(10) > 0) {
            call.tls();
        }
        credentials(call);
        List<String> shape = shapes.computeIfAbsent(api.host() + " " + method + " " + sample.truth(), k -> records.shape());
        int status = status(method);
        if (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            call.json(records.record(shape, 0).toString());
        }
        if (status == 204) {
            call.status(204);
        } else if (status >= 400) {
            call.respond(status, "application/problem+json",
                    "{\"type\":\"about:blank\",\"title\":\"error\",\"status\":" + status + ",\"instance\":\"" + sample.path() + "\"}");
        } else {
            int size = 1024 + random.nextInt(3073);
            call.respond(status, list ? records.page(shape, size) : records.item(shape, size));
        }
        call.responseHeader("Date", "Mon, 02 Mar 2026 09:00:00 GMT")
                .responseHeader("Cache-Control", "no-store")
                .responseHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .responseHeader("X-Content-Type-Options", "nosniff")
                .responseHeader("X-Request-Id", new UUID(random.nextLong(), random.nextLong()).toString())
                .responseHeader("Vary", "Accept-Encoding");
        return call.build();
    }

    /** 70% bearer JWTs, 10% API keys, 15% session cookies, 5% anonymous. */
    private void credentials(ApiCallBuilder call) {
        int user = random.nextInt(2_000);
        int kind = random.nextInt(100);
        if (kind < 70) {
            call.bearer(jwt(user));
        } else if (kind < 80) {
            call.header("X-API-Key", "sk_live_" + hex(24));
        } else if (kind < 95) {
            call.header("Cookie", "SESSION=" + hex(32) + "; locale=en-GB; _ga=GA1.2." + (1_000_000 + user) + ".1700000000");
        }
    }

    private String jwt(int user) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long iat = T0.getEpochSecond() - random.nextInt(3_000);
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k-2026-01\"}";
        String claims = "{\"iss\":\"https://id.example.internal/realms/customers\",\"sub\":\"user-" + user
                + "\",\"aud\":\"shop\",\"iat\":" + iat + ",\"exp\":" + (iat + 3_600) + ",\"scope\":\"openid profile orders\"}";
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(bytes(256));
    }

    private String query() {
        return switch (random.nextInt(4)) {
            case 0 -> "?page=" + (1 + random.nextInt(20)) + "&per_page=50";
            case 1 -> "?page=" + (1 + random.nextInt(20)) + "&per_page=20&sort=-created_at&status=active";
            case 2 -> "?q=" + (random.nextBoolean() ? "lamp" : "red+jacket") + "&limit=25";
            default -> "?from=2026-01-01&to=2026-02-28&limit=100";
        };
    }

    private int status(String method) {
        int roll = random.nextInt(1_000);
        if (roll < 30) {
            return 404;
        } else if (roll < 40) {
            return 401;
        } else if (roll < 45) {
            return 500;
        }
        return switch (method) {
            case "POST" -> 201;
            case "DELETE" -> 204;
            default -> 200;
        };
    }

    private String hex(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(Character.forDigit(random.nextInt(16), 16));
        }
        return s.toString().toLowerCase(Locale.ROOT);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
