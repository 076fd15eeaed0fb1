package io.perimeter.analyzer.shipper;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.perimeter.analyzer.spool.Batches;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the control plane's {@code POST /ingest/v1/batches} on 127.0.0.1: answers from a script (then 202
 * once the script is used up) and records every request it got.
 */
final class ScriptedIngest implements AutoCloseable {
    static final String PATH = "/ingest/v1/batches";

    /** One scripted answer; {@code hangUp} closes the connection without answering. */
    record Reply(int status, Map<String, String> headers, String body, boolean hangUp) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "", false);
        }

        static Reply hangUpWithoutAnswer() {
            return new Reply(0, Map.of(), "", true);
        }

        Reply header(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, more, body, hangUp);
        }

        Reply body(String contentType, String text) {
            return header("Content-Type", contentType).withBody(text);
        }

        private Reply withBody(String text) {
            return new Reply(status, headers, text, hangUp);
        }
    }

    /** A request as the server saw it; header names in lower case. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.getFirst();
        }

        String json() {
            return Batches.gunzip(body);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Reply> script = new LinkedBlockingQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Received> arrivals = new LinkedBlockingQueue<>();

    private ScriptedIngest(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static ScriptedIngest start() throws IOException {
        return new ScriptedIngest(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    static ScriptedIngest startTls(SSLContext serverContext) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        return new ScriptedIngest(server);
    }

    /** Adds answers to the script, to be given in order. */
    ScriptedIngest then(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    URI uri() {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (bounded) for the next request that arrives. */
    Received next(Duration timeout) throws InterruptedException {
        Received next = arrivals.poll(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no request reached the ingest within " + timeout);
        }
        return next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    in.readAllBytes());
            received.add(request);
            Reply reply = script.poll();
            if (reply == null) {
                reply = Reply.of(202);
            }
            if (reply.hangUp()) {
                arrivals.add(request);
                return; // closing the exchange without a response drops the connection
            }
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            byte[] body = reply.body().getBytes(UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            arrivals.add(request);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
