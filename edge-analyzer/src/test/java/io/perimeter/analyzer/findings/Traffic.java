package io.perimeter.analyzer.findings;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.HttpResponse;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds calls for the findings tests: an API server on 10.0.0.5:8443 (TLS) watched on the server side by default. */
final class Traffic {
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Instant started = T0;
    private String clientIp = "203.0.113.10";
    private String serverIp = "10.0.0.5";
    private int serverPort = 8443;
    private ProcessInfo process = new ProcessInfo(321, "api-server");
    private ApiCall.Side side = ApiCall.Side.SERVER;
    private boolean tls = true;
    private final String method;
    private final String target;
    private final List<Header> requestHeaders = new ArrayList<>();
    private byte[] requestBody = new byte[0];
    private Integer status = 200;
    private final List<Header> responseHeaders = new ArrayList<>();
    private byte[] responseBody = new byte[0];

    private Traffic(String method, String target) {
        this.method = method;
        this.target = target;
        requestHeaders.add(new Header("Host", "api.shop.test"));
    }

    static Traffic call(String method, String target) {
        return new Traffic(method, target);
    }

    static Traffic get(String target) {
        return call("GET", target);
    }

    Traffic at(Instant at) {
        this.started = at;
        return this;
    }

    Traffic plaintext() {
        this.tls = false;
        return this;
    }

    Traffic host(String host) {
        requestHeaders.removeIf(h -> h.name().equalsIgnoreCase("Host"));
        requestHeaders.add(new Header("Host", host));
        return this;
    }

    Traffic server(String ip, int port) {
        this.serverIp = ip;
        this.serverPort = port;
        return this;
    }

    Traffic client(String ip) {
        this.clientIp = ip;
        return this;
    }

    /** Watched on the client side of a local process (an outbound call). */
    Traffic outboundFrom(String processName) {
        this.side = ApiCall.Side.CLIENT;
        this.process = new ProcessInfo(777, processName);
        return this;
    }

    /** Like a HAR entry: client side, no process known. */
    Traffic fromHar() {
        this.side = ApiCall.Side.CLIENT;
        this.process = ProcessInfo.UNKNOWN;
        this.clientIp = "";
        return this;
    }

    Traffic header(String name, String value) {
        requestHeaders.add(new Header(name, value));
        return this;
    }

    Traffic bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    Traffic json(String body) {
        return body("application/json", body);
    }

    Traffic body(String contentType, String body) {
        requestHeaders.add(new Header("Content-Type", contentType));
        requestBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Traffic status(Integer status) {
        this.status = status;
        return this;
    }

    Traffic respond(int status, String json) {
        return respond(status, "application/json", json);
    }

    Traffic respond(int status, String contentType, String body) {
        this.status = status;
        responseHeaders.add(new Header("Content-Type", contentType));
        responseBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Traffic responseHeader(String name, String value) {
        responseHeaders.add(new Header(name, value));
        return this;
    }

    ApiCall build() {
        HttpRequest request = new HttpRequest(method, target, "HTTP/1.1", new Headers(requestHeaders),
                new Body(requestBody, requestBody.length, false));
        Optional<HttpResponse> response = status == null ? Optional.empty()
                : Optional.of(new HttpResponse(status, "", "HTTP/1.1", new Headers(responseHeaders),
                        new Body(responseBody, responseBody.length, false)));
        return new ApiCall(0, started, Duration.ofMillis(5), new NetAddress(clientIp, 50_000),
                new NetAddress(serverIp, serverPort), process, side, tls, request, response, Set.of());
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
