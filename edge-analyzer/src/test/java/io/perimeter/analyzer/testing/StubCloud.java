package io.perimeter.analyzer.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

/**
 * A stand-in for the control plane on 127.0.0.1 with the two endpoints the edge uses: {@code POST /edge/v1/enroll}
 * (each token of {@link #issueToken} works once; anything else is a 401 problem that echoes the token, as a careless
 * server might) and {@code POST /ingest/v1/batches} (the credential it handed out, else 401; a batch id it already has
 * is answered 409, as the real ingest does). It records every batch request. {@link #stop()} and {@link #restart()}
 * take it down and bring it back on the same port.
 */
public final class StubCloud implements AutoCloseable {
    public static final String TENANT = "acme-bank";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A batch request as the stub saw it. */
    public record Delivery(String batchId, String idempotencyKey, String authorization, String contentEncoding,
            JsonNode batch, int answer) {}

    private final int port;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Set<String> stored = ConcurrentHashMap.newKeySet();
    private final UUID edgeId = UUID.randomUUID();
    private final String credential = "edge-cred-" + UUID.randomUUID().toString().replace("-", "");
    private HttpServer server;

    private StubCloud(HttpServer server) {
        this.server = server;
        this.port = server.getAddress().getPort();
        serve(server);
    }

    public static StubCloud start() throws IOException {
        return new StubCloud(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** A new one-time enrollment token. */
    public String issueToken() {
        String token = "enr-" + UUID.randomUUID();
        tokens.add(token);
        return token;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public UUID edgeId() {
        return edgeId;
    }

    public String credential() {
        return credential;
    }

    /** Every batch request, in order of arrival. */
    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The endpoints' calls in the batches taken, added up once per batch id, as the ingest merges them. */
    public long endpointCalls() {
        Set<String> merged = new HashSet<>();
        long calls = 0;
        for (Delivery delivery : deliveries) {
            if (delivery.answer() == 202 && merged.add(delivery.batchId())) {
                for (JsonNode service : delivery.batch().get("services")) {
                    for (JsonNode endpoint : service.get("endpoints")) {
                        calls += endpoint.get("calls").asLong();
                    }
                }
            }
        }
        return calls;
    }

    /** Stops listening: connections are refused until {@link #restart()}. */
    public synchronized void stop() {
        server.stop(0);
    }

    /** Listens again on the same port, with the same tokens, credential and stored batches. */
    public synchronized void restart() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        serve(server);
    }

    @Override
    public synchronized void close() {
        server.stop(0);
    }

    private void serve(HttpServer http) {
        http.createContext("/edge/v1/enroll", this::enroll);
        http.createContext("/ingest/v1/batches", this::ingest);
        http.start();
    }

    private void enroll(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode request = JSON.readTree(in);
            String token = request.path("token").asText();
            if (!tokens.remove(token)) {
                answer(exchange, 401, "application/problem+json", JSON.createObjectNode()
                        .put("type", "https://perimeter.example/problems/enrollment-token-invalid")
                        .put("title", "Invalid enrollment token").put("status", 401)
                        .put("detail", "token " + token + " is unknown, used or expired").toString());
                return;
            }
            answer(exchange, 201, "application/json", JSON.createObjectNode().put("edgeId", edgeId.toString())
                    .put("tenant", TENANT).put("credential", credential).toString());
        }
    }

    private void ingest(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (!("Bearer " + credential).equals(authorization)) {
                answer(exchange, 401, "application/problem+json", "{\"status\":401}");
                return;
            }
            JsonNode batch;
            try (var gunzip = new GZIPInputStream(new ByteArrayInputStream(body))) {
                batch = JSON.readTree(gunzip);
            }
            String batchId = batch.path("batchId").asText();
            int status = stored.add(batchId) ? 202 : 409;
            deliveries.add(new Delivery(batchId, exchange.getRequestHeaders().getFirst("Idempotency-Key"), authorization,
                    exchange.getRequestHeaders().getFirst("Content-Encoding"), batch, status));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
