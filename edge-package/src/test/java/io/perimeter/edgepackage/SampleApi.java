package io.perimeter.edgepackage;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;

/** A small JSON API on 127.0.0.1 and a port the kernel gives, for the edge to capture calls to. */
final class SampleApi implements AutoCloseable {
    private final HttpServer server;

    private SampleApi(HttpServer server) {
        this.server = server;
    }

    static SampleApi start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/api/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] body = ("{\"path\":\"" + path.replaceAll("[^a-z0-9/]", "") + "\",\"status\":\"open\",\"total\":42}")
                        .getBytes(UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new SampleApi(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
