package io.perimeter.quickstart;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the quick start runs and on which loopback ports.
 *
 * @param root            the checkout: scripts/ and quickstart/ are read from it
 * @param runDirectory    what it keeps between runs: database, passwords, the edge's state, logs
 * @param ports           its loopback ports
 * @param trafficDuration how long the traffic generator runs; zero until the quick start is stopped
 * @param forceReplay     replay the bundled recording even where live capture would work
 * @param trafficOptions  more options for the traffic generator (the test plants canary values with them)
 * @param services        empty: the embedded PostgreSQL and nothing else; present ({@code --full}): the services of
 *                        {@code scripts/services}, configured by the PERIMETER_* environment with these properties
 *                        over it
 */
record QuickStartSettings(Path root, Path runDirectory, Ports ports, Duration trafficDuration, boolean forceReplay,
                          List<String> trafficOptions, Optional<Map<String, Object>> services) {

    /**
     * @param api              the cloud API
     * @param postgres         the embedded PostgreSQL
     * @param shopHttp         the Node.js sample API, plain
     * @param shopHttps        the Node.js sample API, TLS
     * @param paymentsHttp     the Python sample API, plain
     * @param paymentsHttps    the Python sample API, TLS
     */
    record Ports(int api, int postgres, int shopHttp, int shopHttps, int paymentsHttp, int paymentsHttps) {
        static final Ports DEFAULTS = new Ports(58300, 58301, 58310, 58311, 58320, 58321);

        /**
         * Six ports the kernel says are free right now, for a run beside others (the tests): fixed numbers could be
         * taken by any client socket, since they lie in the ephemeral range.
         */
        static Ports ephemeral() throws IOException {
            ServerSocket[] sockets = new ServerSocket[6];
            try {
                for (int i = 0; i < sockets.length; i++) {
                    sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                }
                return new Ports(sockets[0].getLocalPort(), sockets[1].getLocalPort(), sockets[2].getLocalPort(),
                        sockets[3].getLocalPort(), sockets[4].getLocalPort(), sockets[5].getLocalPort());
            } finally {
                for (ServerSocket socket : sockets) {
                    if (socket != null) {
                        socket.close();
                    }
                }
            }
        }

        List<Integer> sampleApis() {
            return List.of(shopHttp, shopHttps, paymentsHttp, paymentsHttps);
        }

        /**
         * Refuses to start on a taken port: a program left listening there (an earlier quick start that was killed)
         * would otherwise answer in place of the one started now.
         */
        void requireFree() throws IOException {
            for (int port : List.of(api, postgres, shopHttp, shopHttps, paymentsHttp, paymentsHttps)) {
                try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    probe.setReuseAddress(true);
                } catch (IOException e) {
                    throw new IOException("127.0.0.1:" + port + " is in use: is another quick start still running?", e);
                }
            }
        }
    }

    Path logs() {
        return runDirectory.resolve("logs");
    }

    Path edgeState() {
        return runDirectory.resolve("edge");
    }

    Path script(String name) {
        return root.resolve("scripts").resolve(name);
    }

    Path bundled(String relative) {
        return root.resolve("quickstart").resolve(relative);
    }

    boolean full() {
        return services.isPresent();
    }

    /**
     * Reads {@code --root DIR --run-dir DIR --traffic-duration SECONDS --replay --full}; the root must be a checkout.
     */
    static QuickStartSettings parse(String[] args) {
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path run = null;
        Duration traffic = Duration.ZERO;
        boolean replay = false;
        boolean full = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--root" -> root = Path.of(value(args, ++i)).toAbsolutePath().normalize();
                case "--run-dir" -> run = Path.of(value(args, ++i)).toAbsolutePath().normalize();
                case "--traffic-duration" -> traffic = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                case "--replay" -> replay = true;
                case "--full" -> full = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (options: --root DIR, --run-dir DIR, --traffic-duration SECONDS, --replay, --full)");
            }
        }
        if (!Files.isExecutable(root.resolve("scripts/perimeter-edge"))) {
            throw new IllegalArgumentException(root + " is not a Perimeter checkout (no scripts/perimeter-edge)");
        }
        Path runDirectory = run != null ? run : root.resolve(full ? ".run/quickstart-full" : ".run/quickstart");
        return new QuickStartSettings(root, runDirectory, Ports.DEFAULTS, traffic, replay, List.of(),
                full ? Optional.of(Map.of()) : Optional.empty());
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
