package io.perimeter.analyzer.testing;

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

/**
 * Builds {@link ApiCall}s for tests. Start from {@link #call}, which knows nothing but the request line; the test
 * packages' own factories ({@code discovery.Calls}, {@code findings.Traffic}) set their defaults on top of it.
 */
public final class ApiCallBuilder {

    private long id;
    private Instant started = Instant.EPOCH;
    private Duration duration = Duration.ZERO;
    private NetAddress client = new NetAddress("", 0);
    private String serverIp = "";
    private int serverPort;
    private ProcessInfo process = ProcessInfo.UNKNOWN;
    private ApiCall.Side side = ApiCall.Side.SERVER;
    private boolean tls;
    private final String method;
    private final String target;
    private final List<Header> requestHeaders = new ArrayList<>();
    private byte[] requestBody = new byte[0];
    private Integer status = 200;
    private final List<Header> responseHeaders = new ArrayList<>();
    private byte[] responseBody = new byte[0];
    private final Set<CaptureFlag> flags = EnumSet.noneOf(CaptureFlag.class);

    private ApiCallBuilder(String method, String target) {
        this.method = method;
        this.target = target;
    }

    /** A call with the given request line, a 200 response with no body, and no defaults beyond that. */
    public static ApiCallBuilder call(String method, String target) {
        return new ApiCallBuilder(method, target);
    }

    public ApiCallBuilder id(long id) {
        this.id = id;
        return this;
    }

    public ApiCallBuilder at(Instant at) {
        this.started = at;
        return this;
    }

    public ApiCallBuilder took(Duration d) {
        this.duration = d;
        return this;
    }

    /** Replaces the Host header; {@code null} removes it. */
    public ApiCallBuilder host(String host) {
        requestHeaders.removeIf(h -> h.name().equalsIgnoreCase("Host"));
        if (host != null) {
            requestHeaders.add(new Header("Host", host));
        }
        return this;
    }

    public ApiCallBuilder server(String ip, int port) {
        this.serverIp = ip;
        this.serverPort = port;
        return this;
    }

    /** The client address, keeping its port. */
    public ApiCallBuilder client(String ip) {
        return client(ip, client.port());
    }

    public ApiCallBuilder client(String ip, int port) {
        this.client = new NetAddress(ip, port);
        return this;
    }

    public ApiCallBuilder process(ProcessInfo process) {
        this.process = process;
        return this;
    }

    /** Renames the watched process (keeping its pid) and sets the side it is watched on. */
    public ApiCallBuilder process(String name, ApiCall.Side side) {
        this.process = new ProcessInfo(process.pid(), name);
        this.side = side;
        return this;
    }

    public ApiCallBuilder side(ApiCall.Side side) {
        this.side = side;
        return this;
    }

    /** Watched on the client side of a local process (an outbound call). */
    public ApiCallBuilder outboundFrom(String processName) {
        this.side = ApiCall.Side.CLIENT;
        this.process = new ProcessInfo(777, processName);
        return this;
    }

    /** Like a HAR entry: client side, no process known. */
    public ApiCallBuilder fromHar() {
        this.side = ApiCall.Side.CLIENT;
        this.process = ProcessInfo.UNKNOWN;
        return client("");
    }

    public ApiCallBuilder tls() {
        this.tls = true;
        return this;
    }

    public ApiCallBuilder plaintext() {
        this.tls = false;
        return this;
    }

    public ApiCallBuilder header(String name, String value) {
        requestHeaders.add(new Header(name, value));
        return this;
    }

    public ApiCallBuilder bearer(String token) {
        return header("Authorization", "Bearer " + token);
    }

    public ApiCallBuilder json(String body) {
        return body("application/json", body);
    }

    /** A request body; a {@code null} content type adds no Content-Type header. */
    public ApiCallBuilder body(String contentType, String body) {
        if (contentType != null) {
            requestHeaders.add(new Header("Content-Type", contentType));
        }
        requestBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A request body of raw bytes (binary, invalid UTF-8); a {@code null} content type adds no Content-Type header. */
    public ApiCallBuilder body(String contentType, byte[] body) {
        if (contentType != null) {
            requestHeaders.add(new Header("Content-Type", contentType));
        }
        requestBody = body.clone();
        return this;
    }

    /** The response status; {@code null} for a call without a response. */
    public ApiCallBuilder status(Integer status) {
        this.status = status;
        return this;
    }

    public ApiCallBuilder respond(int status, String json) {
        return respond(status, "application/json", json);
    }

    /** A response; a {@code null} content type adds no Content-Type header. */
    public ApiCallBuilder respond(int status, String contentType, String body) {
        this.status = status;
        if (contentType != null) {
            responseHeaders.add(new Header("Content-Type", contentType));
        }
        responseBody = body.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    /** A response of raw bytes; a {@code null} content type adds no Content-Type header. */
    public ApiCallBuilder respond(int status, String contentType, byte[] body) {
        this.status = status;
        if (contentType != null) {
            responseHeaders.add(new Header("Content-Type", contentType));
        }
        responseBody = body.clone();
        return this;
    }

    public ApiCallBuilder responseHeader(String name, String value) {
        responseHeaders.add(new Header(name, value));
        return this;
    }

    public ApiCallBuilder flag(CaptureFlag flag) {
        flags.add(flag);
        return this;
    }

    public ApiCall build() {
        HttpRequest request = new HttpRequest(method, target, "HTTP/1.1", new Headers(requestHeaders),
                new Body(requestBody, requestBody.length, false));
        Optional<HttpResponse> response = status == null ? Optional.empty()
                : Optional.of(new HttpResponse(status, "", "HTTP/1.1", new Headers(responseHeaders),
                        new Body(responseBody, responseBody.length, false)));
        return new ApiCall(id, started, duration, client, new NetAddress(serverIp, serverPort), process, side, tls,
                request, response, flags);
    }
}
