package io.perimeter.cloud.playbooks;

import io.perimeter.cloud.playbooks.policy.PolicyFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx on an ephemeral loopback port, in a temporary prefix of its own (config, pid file, logs), serving a
 * static file for every path, with {@code policies/*.http.conf} included in the http block and
 * {@code policies/*.server.conf} in the server block. Policies are applied with {@code nginx -t} then
 * {@code nginx -s reload}, as an operator would, and {@link #apply} returns once a new connection is answered
 * with the new configuration (or fails after 15 s). Fails with a message naming the package when nginx is missing.
 */
final class NginxGateway implements AutoCloseable {
    private final Path prefix;
    private final int port;
    private final Process master;
    private long generation;

    private NginxGateway(Path prefix, int port, Process master) {
        this.prefix = prefix;
        this.port = port;
        this.master = master;
    }

    static NginxGateway start() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("nginx is not installed: run scripts/setup (Debian package nginx)");
        }
        Path prefix = Files.createTempDirectory("perimeter-nginx");
        Files.createDirectories(prefix.resolve("conf"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("policies"));
        Files.createDirectories(prefix.resolve("www"));
        Files.writeString(prefix.resolve("www/ok.txt"), "ok\n");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        Files.writeString(prefix.resolve("conf/nginx.conf"), (root ? "user root;\n" : "") + """
                worker_processes 1;
                pid logs/nginx.pid;
                error_log logs/error.log notice;
                events { worker_connections 64; }
                http {
                    access_log off;
                    default_type text/plain;
                    client_body_temp_path logs/body;
                    proxy_temp_path logs/proxy;
                    fastcgi_temp_path logs/fastcgi;
                    uwsgi_temp_path logs/uwsgi;
                    scgi_temp_path logs/scgi;
                    include %1$s/policies/*.http.conf;
                    server {
                        listen 127.0.0.1:%2$d;
                        include %1$s/policies/*.server.conf;
                        location / {
                            root %1$s/www;
                            try_files /ok.txt =404;
                        }
                    }
                }
                """.formatted(prefix, port));
        Process master = new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c",
                prefix.resolve("conf/nginx.conf").toString(), "-g", "daemon off; master_process on;")
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        NginxGateway nginx = new NginxGateway(prefix, port, master);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                if (nginx.get("/") == 200) {
                    return nginx;
                }
            } catch (IOException e) {
                if (!master.isAlive() || System.nanoTime() > deadline) {
                    nginx.close();
                    throw new IllegalStateException("nginx did not start: " + nginx.log());
                }
            }
            Thread.sleep(100);
        }
    }

    /** Writes the files into the policies directory, checks the configuration and reloads nginx. */
    void apply(Collection<PolicyFile> files) throws IOException, InterruptedException {
        for (PolicyFile file : files) {
            if (!file.name().matches("[a-z0-9_.-]+")) {
                throw new IllegalArgumentException("unexpected policy file name");
            }
            Files.writeString(prefix.resolve("policies").resolve(file.name()), file.content());
        }
        // A marker location that answers this generation's number: the reload is done when a new connection gets it
        // (served by a worker started with the new configuration) and the workers of the old configuration are gone
        // (until they have seen the signal, one of them can still accept a new connection).
        String marker = Long.toString(++generation);
        Files.writeString(prefix.resolve("policies/zz-test-generation.server.conf"),
                "location = /__generation { return 200 \"" + marker + "\"; }\n");
        run("-t");
        List<ProcessHandle> oldWorkers = master.toHandle().children().toList();
        run("-s", "reload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try {
                if (oldWorkers.stream().noneMatch(ProcessHandle::isAlive) && body("/__generation").equals(marker)) {
                    return;
                }
            } catch (IOException e) {
                // the old workers are closing: ask again
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx did not load the new configuration within 15 s: " + log());
            }
            Thread.sleep(50);
        }
    }

    int get(String pathAndQuery) throws IOException, InterruptedException {
        return send(pathAndQuery).statusCode();
    }

    /** The body of the answer, whatever its status. */
    String body(String pathAndQuery) throws IOException, InterruptedException {
        return send(pathAndQuery).body();
    }

    /** On a new connection each time, so that no answer comes from a worker of an older configuration. */
    private HttpResponse<String> send(String pathAndQuery) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    String log() throws IOException {
        return Files.readString(prefix.resolve("logs/error.log")) + Files.readString(prefix.resolve("logs/stdout.log"));
    }

    private void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/sbin/nginx", "-p", prefix.toString(), "-c",
                prefix.resolve("conf/nginx.conf").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("nginx " + String.join(" ", arguments) + " failed: " + output);
        }
    }

    @Override
    public void close() {
        try {
            run("-s", "quit");
            master.waitFor(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException | IllegalStateException e) {
            // fall through to the forced stop
        }
        master.destroyForcibly();
    }
}
