package io.perimeter.analyzer.discovery;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.CaptureFlag;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds {@link ApiCall}s for tests. */
final class Calls {
    static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
    static final String CLIENT_IP = "203.0.113.77";

    private long id;
    private Instant started = T0;
    private Duration duration = Duration.ofMillis(12);
    private String serverIp = "10.0.0.5";
    private int serverPort = 8080;
    private String process = "java";
    private ApiCall.Side side = ApiCall.Side.SERVER;
    private boolean tls;
    private String method = "GET";
    private String target = "/";
    private final List<Header> requestHeaders = new ArrayList<>(List.of(new Header("Host", "shop.example.test")));
    private byte[] requestBody = new byte[0];
    private Integer status = 200;
    private final List<Header> responseHeaders = new ArrayList<>();
    private byte[] responseBody = new byte[0];
    private final Set<CaptureFlag> flags = EnumSet.noneOf(CaptureFlag.class);

    static Calls call(String method, String target) {
        Calls c = new Calls();
        c.method = method;
        c.target = target;
        return c;
    }

    static ApiCall get(String target) {
        return call("GET", target).build();
    }

    Calls id(long id) {
        this.id = id;
        return this;
    }

    Calls at(Instant at) {
        this.started = at;
        return this;
    }

    Calls took(Duration d) {
        this.duration = d;
        return this;
    }

    Calls host(String host) {
        requestHeaders.removeIf(h -> h.name().equalsIgnoreCase("Host"));
        if (host != null) {
            requestHeaders.add(new Header("Host", host));
        }
        return this;
    }

    Calls server(String ip, int port) {
        this.serverIp = ip;
        this.serverPort = port;
        return this;
    }

    Calls process(String name, ApiCall.Side side) {
        this.process = name;
        this.side = side;
        return this;
    }

    Calls tls() {
        this.tls = true;
        return this;
    }

    Calls header(String name, String value) {
        requestHeaders.add(new Header(name, value));
        return this;
    }

    Calls body(String contentType, String body) {
        if (contentType != null) {
            requestHeaders.add(new Header("Content-Type", contentType));
        }
        requestBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Calls status(Integer status) {
        this.status = status;
        return this;
    }

    Calls response(int status, String contentType, String body) {
        this.status = status;
        if (contentType != null) {
            responseHeaders.add(new Header("Content-Type", contentType));
        }
        responseBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    Calls flag(CaptureFlag flag) {
        flags.add(flag);
        return this;
    }

    ApiCall build() {
        HttpRequest request = new HttpRequest(method, target, "HTTP/1.1", new Headers(requestHeaders),
                new Body(requestBody, requestBody.length, false));
        Optional<HttpResponse> response = status == null ? Optional.empty()
                : Optional.of(new HttpResponse(status, "", "HTTP/1.1", new Headers(responseHeaders),
                        new Body(responseBody, responseBody.length, false)));
        return new ApiCall(id, started, duration, new NetAddress(CLIENT_IP, 51_234), new NetAddress(serverIp, serverPort),
                new ProcessInfo(4242, process), side, tls, request, response, flags);
    }
}
