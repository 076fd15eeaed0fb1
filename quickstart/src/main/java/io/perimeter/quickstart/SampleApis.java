package io.perimeter.quickstart;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The bundled sample APIs: the "shop" on Node.js (OpenSSL linked into the node executable) and "payments" on Python
 * (the system's shared libssl), each on a plain and a TLS loopback port, with a self-signed certificate made on their
 * first start. Both serve {@code quickstart/sample-api/data.json}.
 */
final class SampleApis implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private final List<ChildProcess> servers;

    private SampleApis(List<ChildProcess> servers) {
        this.servers = servers;
    }

    static SampleApis start(QuickStartSettings settings) throws IOException, InterruptedException {
        QuickStartSettings.Ports ports = settings.ports();
        Path data = settings.bundled("sample-api/data.json");
        Path tls = settings.runDirectory().resolve("tls");
        ChildProcess shop = ChildProcess.start("shop", List.of("node", settings.bundled("sample-api/node/shop.js").toString(),
                        "--data", data.toString(), "--http-port", String.valueOf(ports.shopHttp()),
                        "--https-port", String.valueOf(ports.shopHttps()), "--tls-dir", tls.resolve("shop").toString()),
                settings.root(), settings.logs().resolve("shop-node.log"), Duration.ofSeconds(2));
        ChildProcess payments;
        try {
            payments = ChildProcess.start("payments", List.of(python(), settings.bundled("sample-api/python/payments.py").toString(),
                            "--data", data.toString(), "--http-port", String.valueOf(ports.paymentsHttp()),
                            "--https-port", String.valueOf(ports.paymentsHttps()),
                            "--tls-dir", tls.resolve("payments").toString()),
                    settings.root(), settings.logs().resolve("payments-python.log"), Duration.ofSeconds(2));
        } catch (IOException e) {
            shop.close();
            throw e;
        }
        SampleApis apis = new SampleApis(List.of(shop, payments));
        try {
            for (int port : ports.sampleApis()) {
                awaitListening(port, apis);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            apis.close();
            throw e;
        }
        return apis;
    }

    /**
     * Debian's own Python when present: its ssl module loads the system's shared libssl, which is the path this
     * runtime is here to show (a Python built elsewhere may carry its own OpenSSL).
     */
    static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static void awaitListening(int port, SampleApis apis) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException e) {
                for (ChildProcess server : apis.servers) {
                    if (!server.isAlive()) {
                        throw new IOException("the " + server + " sample API stopped: " + server.lastLine());
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("nothing listens on 127.0.0.1:" + port + " after " + START_TIMEOUT.toSeconds()
                            + " s (is the port taken?)");
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() {
        servers.forEach(ChildProcess::close);
    }
}
