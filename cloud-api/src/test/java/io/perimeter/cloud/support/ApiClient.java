package io.perimeter.cloud.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls the API as one identity: a person's Keycloak token, an edge's credential, or nobody. */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;
    private final Map<String, String> headers;

    ApiClient(URI base, Map<String, String> headers) {
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** Calls the API at {@code base} with {@code token} as the bearer (an edge credential or a person's token). */
    public static ApiClient bearer(URI base, String token) {
        return new ApiClient(base, Map.of("Authorization", "Bearer " + token));
    }

    /** The same identity acting in another tenant ({@code X-Perimeter-Tenant}). */
    public ApiClient inTenant(String slug) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put("X-Perimeter-Tenant", slug);
        return new ApiClient(base, more);
    }

    public Reply get(String path) {
        return send(request(path).GET());
    }

    /** A GET whose body is kept as bytes (a downloaded file); fails unless the status is 200. */
    public HttpResponse<byte[]> getBytes(String path) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request(path).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException("the API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply delete(String path) {
        return send(request(path).DELETE());
    }

    public Reply post(String path, Object body) {
        return send(json(request(path), "POST", body));
    }

    public Reply put(String path, Object body) {
        return send(json(request(path), "PUT", body));
    }

    /** Any request, e.g. a raw or compressed body. */
    public Reply send(String method, String path, HttpRequest.BodyPublisher body, Map<String, String> extraHeaders) {
        HttpRequest.Builder builder = request(path).method(method, body);
        extraHeaders.forEach(builder::setHeader);
        return send(builder);
    }

    private HttpRequest.Builder json(HttpRequest.Builder builder, String method, Object body) {
        try {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            return builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(text));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)); // a large batch on a busy machine
        headers.forEach(builder::header);
        return builder;
    }

    private static Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("the API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
