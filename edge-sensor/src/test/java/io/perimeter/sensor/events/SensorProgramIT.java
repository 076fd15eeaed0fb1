package io.perimeter.sensor.events;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.http.ConnectionInfo.Role;
import io.perimeter.sensor.http.Direction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Loads the capture program into the kernel and checks the events it reports for real clients: curl, python3 and
 * Node.js, each run as a child process that only starts once the program traces its pid, talking to servers on
 * 127.0.0.1. Needs root (or CAP_BPF + CAP_PERFMON), kernel BTF, tracefs, curl, openssl, python3 and node; fails,
 * never skips, without them.
 */
@Tag("kernel")
class SensorProgramIT {

    private static final Duration CHILD_TIMEOUT = ChildEvents.CHILD_TIMEOUT;

    @TempDir
    static Path certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCertificate() throws IOException, InterruptedException {
        OpenSslServer.createCertificate(certificates);
    }

    @Test
    void capturesAPlainHttpExchangeByteForByte() throws Exception {
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 14\r\n"
                + "Connection: close\r\n\r\nplain-response").getBytes(US_ASCII);
        try (RawTcpServer server = RawTcpServer.http(response);
                TracedChild curl = TracedChild.start(dir, "curl", "-s", "http://127.0.0.1:" + server.port() + "/path",
                        "-d", "body");
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(curl.pid()))) {
            ChildEvents events = ChildEvents.of(sensor, curl);

            ConnectionEvent connection = events.connectionTo(server.port());
            byte[] sent = ChildEvents.single(server.received());
            assertThat(connection.role()).isEqualTo(Role.CLIENT);
            assertThat(connection.tgid()).isEqualTo(curl.pid());
            assertThat(connection.remote()).isEqualTo(new NetAddress("127.0.0.1", server.port()));
            assertThat(connection.local().ip()).isEqualTo("127.0.0.1");
            assertThat(connection.comm()).isEqualTo("curl");
            assertThat(events.of(ExecEvent.class)).extracting(ExecEvent::comm).containsExactly("curl");

            byte[] egress = events.syscallStream(connection.connId(), Direction.EGRESS);
            assertThat(new String(egress, US_ASCII)).startsWith("POST /path HTTP/1.1\r\n").endsWith("\r\n\r\nbody");
            assertThat(egress).as("the request as the server received it").isEqualTo(sent);
            assertThat(events.syscallStream(connection.connId(), Direction.INGRESS)).isEqualTo(response);
            assertThat(events.of(CloseEvent.class))
                    .anySatisfy(close -> assertThat(close).extracting(CloseEvent::connId, CloseEvent::fd)
                            .containsExactly(connection.connId(), connection.fd()));
            assertThat(events.of(ExitEvent.class)).extracting(ExitEvent::tgid).containsExactly(curl.pid());
            ChildEvents.assertNothingLost(sensor);
        }
    }

    @Test
    void tracesTheServerSideOfIpv6ConnectionsToo() throws Exception {
        String script = """
                import socket
                server = socket.socket(socket.AF_INET6)
                server.bind(('::1', 0))
                server.listen()
                client = socket.create_connection(('::1', server.getsockname()[1]))
                accepted, _ = server.accept()
                client.sendall(b'ping-from-client')
                accepted.recvmsg_into([bytearray(4), bytearray(100)])  # one recvmsg, two iovecs
                accepted.sendall(b'pong-from-server')
                client.recv(100)
                print(server.getsockname()[1], accepted.fileno(), flush=True)
                accepted.close()
                client.close()
                """;
        try (TracedChild python = TracedChild.start(dir, "python3", "-c", script);
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(python.pid()))) {
            ChildEvents events = ChildEvents.of(sensor, python);
            String[] printed = python.stdout().strip().split(" ");
            int port = Integer.parseInt(printed[0]);
            int acceptedFd = Integer.parseInt(printed[1]);

            ConnectionEvent client = events.connectionTo(port);
            ConnectionEvent accepted = events.of(ConnectionEvent.class).stream()
                    .filter(connection -> connection.role() == Role.SERVER).collect(ChildEvents.single());
            assertThat(client.role()).isEqualTo(Role.CLIENT);
            assertThat(client.remote()).isEqualTo(new NetAddress("0:0:0:0:0:0:0:1", port));
            assertThat(accepted.fd()).isEqualTo(acceptedFd);
            assertThat(accepted.local()).isEqualTo(new NetAddress("0:0:0:0:0:0:0:1", port));
            assertThat(accepted.remote()).isEqualTo(client.local());
            assertThat(events.syscallStream(accepted.connId(), Direction.INGRESS)).asString(US_ASCII)
                    .isEqualTo("ping-from-client");
            assertThat(events.syscallStream(accepted.connId(), Direction.EGRESS)).asString(US_ASCII)
                    .isEqualTo("pong-from-server");
            assertThat(events.syscallStream(client.connId(), Direction.EGRESS)).asString(US_ASCII)
                    .isEqualTo("ping-from-client");
            assertThat(events.syscallStream(client.connId(), Direction.INGRESS)).asString(US_ASCII)
                    .isEqualTo("pong-from-server");
            ChildEvents.assertNothingLost(sensor);
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProbePlacement.class)
    void reportsTlsPlaintextOfSharedLibsslOnceAndBoundToItsConnection(TlsProbePlacement placement) throws Exception {
        try (OpenSslServer server = OpenSslServer.start(certificates);
                TracedChild curl = TracedChild.start(dir, "curl", "-sk", "https://127.0.0.1:" + server.port()
                        + "/secret-path");
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(curl.pid()));
                TlsProbes probes = sensor.attachTls(sharedLibssl(), placement)) {
            ChildEvents events = ChildEvents.of(sensor, curl);

            assertThat(probes.functions()).containsExactlyInAnyOrder("SSL_write", "SSL_read", "SSL_write_ex",
                    "SSL_read_ex");
            // Debian's libssl: in AUTO, one probe per direction in the function both wrappers call
            assertThat(probes.sites()).hasSize(placement == TlsProbePlacement.AUTO ? 2 : 4)
                    .allSatisfy(site -> assertThat(site.contains("@callee:0x")).isEqualTo(placement == TlsProbePlacement.AUTO));
            assertTlsExchange(sensor, events, events.connectionTo(server.port()), "GET /secret-path HTTP/1.1\r\n");
        }
    }

    @Test
    void reportsTlsPlaintextOfNodesStaticOpensslBoundThroughItsMemoryBio() throws Exception {
        Path node = executable("node");
        try (OpenSslServer server = OpenSslServer.start(certificates)) {
            String script = "require('https').get({host: '127.0.0.1', port: " + server.port() + ", path: '/node-secret',"
                    + " rejectUnauthorized: false}, response => { let n = 0; response.on('data', d => n += d.length);"
                    + " response.on('end', () => console.log(response.statusCode, n)); })"
                    + ".on('error', e => { console.error(e); process.exit(1); });";
            try (TracedChild nodeChild = TracedChild.start(dir, node.toString(), "-e", script);
                    SensorProgram sensor = SensorProgram.load(
                            SensorProgram.Config.defaults().withFilterTgid(nodeChild.pid()));
                    TlsProbes probes = sensor.attachTls(node)) {
                ChildEvents events = ChildEvents.of(sensor, nodeChild);

                assertThat(nodeChild.stdout()).startsWith("200 ");
                assertThat(probes.functions()).contains("SSL_write", "SSL_read");
                ConnectionEvent connection = events.connectionTo(server.port());
                long ssl = assertTlsExchange(sensor, events, connection, "GET /node-secret HTTP/1.1\r\n");
                // Node's SSL_write returns before its ciphertext is written: the binding comes after the plaintext.
                assertThat(events.of(TlsBindEvent.class)).anySatisfy(bind -> assertThat(bind)
                        .extracting(TlsBindEvent::sslPtr, TlsBindEvent::connId, TlsBindEvent::fd)
                        .containsExactly(ssl, connection.connId(), connection.fd()));
            }
        }
    }

    @Test
    void splitsLargeCallsIntoChunksAndAccountsForWhatIsNotCaptured() throws Exception {
        String script = """
                import os, socket, sys
                s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
                os.writev(s.fileno(), [b'a' * 3000, b'b' * 3000, b'c' * 3000])
                s.sendall(b'd' * 40000)
                s.close()
                """;
        try (RawTcpServer server = RawTcpServer.sink();
                TracedChild python = TracedChild.start(dir, "python3", "-c", script, "" + server.port());
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults()
                        .withFilterTgid(python.pid()).withChunks(4096, 4))) {
            ChildEvents events = ChildEvents.of(sensor, python);

            long connId = events.connectionTo(server.port()).connId();
            List<DataEvent> data = events.of(DataEvent.class).stream().filter(event -> event.connId() == connId)
                    .sorted(Comparator.comparingLong(DataEvent::offset)).toList();
            // writev: 9000 bytes from three iovecs, gathered into chunks of consecutive bytes.
            assertThat(data).extracting(DataEvent::offset, DataEvent::trueLength, DataEvent::capturedLength)
                    .startsWith(Tuple.tuple(0L, 4096L, 4096),
                            Tuple.tuple(4096L, 4096L, 4096),
                            Tuple.tuple(8192L, 808L, 808));
            assertThat(ChildEvents.concatenate(data.subList(0, 3).stream())).asString(US_ASCII)
                    .isEqualTo("a".repeat(3000) + "b".repeat(3000) + "c".repeat(3000));
            // send of 40000 bytes: 4 chunks at most, the last one standing for the rest.
            assertThat(data.subList(3, data.size()))
                    .extracting(DataEvent::offset, DataEvent::trueLength, DataEvent::capturedLength)
                    .containsExactly(Tuple.tuple(9000L, 4096L, 4096),
                            Tuple.tuple(13096L, 4096L, 4096),
                            Tuple.tuple(17192L, 4096L, 4096),
                            Tuple.tuple(21288L, 27712L, 4096));
            assertThat(data.getLast().truncated()).isTrue();
            assertThat(data.subList(3, data.size())).allSatisfy(event -> assertThat(event.data()).containsOnly('d'));
            assertThat(sensor.counters().get(SensorCounter.DATA_BYTES_TRUNCATED)).isEqualTo(27712 - 4096);
            ChildEvents.assertNothingLost(sensor);
        }
    }

    @Test
    void countsEveryEventTheRingBufferHadNoRoomFor() throws Exception {
        int total = 2 * 1024 * 1024;
        String script = """
                import socket, sys
                s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
                for _ in range(int(sys.argv[2]) // 65536):
                    s.sendall(b'x' * 65536)
                s.close()
                """;
        try (RawTcpServer server = RawTcpServer.sink();
                TracedChild python = TracedChild.start(dir, "python3", "-c", script, "" + server.port(), "" + total);
                // The smallest ring buffer (a page) and 1 KiB chunks: a few records fit, the burst does not.
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults()
                        .withFilterTgid(python.pid()).withRingBufferBytes(4096).withChunks(1024, 4))) {
            python.release();
            python.awaitSuccess(CHILD_TIMEOUT); // not polling meanwhile
            List<SensorEvent> received = new ArrayList<>();
            while (sensor.poll(Duration.ZERO, received::add) > 0) {
                // drain
            }
            Map<SensorCounter, Long> counters = sensor.counters();

            List<DataEvent> data = received.stream().filter(DataEvent.class::isInstance).map(DataEvent.class::cast)
                    .toList();
            assertThat(counters.get(SensorCounter.EVENTS_LOST)).isPositive();
            assertThat(counters.get(SensorCounter.EVENTS_SENT)).as("every record sent was received")
                    .isEqualTo(received.size());
            assertThat(data).allSatisfy(event -> assertThat(event.direction()).isEqualTo(Direction.EGRESS));
            assertThat(data.stream().mapToLong(DataEvent::trueLength).sum()
                    + counters.get(SensorCounter.DATA_BYTES_LOST))
                    .as("bytes received in events + bytes counted lost").isEqualTo(total);
            assertThat(ChildEvents.single(awaitReceived(server, 1)).length).isEqualTo(total);
        }
    }

    @Test
    void ignoresFilesAndPipesAndGivesAReusedFdANewConnection() throws Exception {
        Path file = dir.resolve("not-a-socket.txt");
        String script = """
                import os, socket, sys
                port, path = int(sys.argv[1]), sys.argv[2]
                with open(path, 'w') as f:
                    f.write('file-marker')
                with open(path) as f:
                    f.read()
                r, w = os.pipe()
                os.write(w, b'pipe-marker')
                os.read(r, 100)
                a = socket.create_connection(('127.0.0.1', port))
                a.sendall(b'first-connection')
                fa = a.fileno()
                a.close()
                b = socket.create_connection(('127.0.0.1', port))
                b.sendall(b'second-connection')
                c = socket.create_connection(('127.0.0.1', port))
                fb, fc = b.fileno(), c.fileno()
                os.dup2(fc, fb)
                os.write(fb, b'after-dup2')
                print(fa, fb, fc, flush=True)
                b.close()
                c.close()
                """;
        try (RawTcpServer server = RawTcpServer.sink();
                TracedChild python = TracedChild.start(dir, "python3", "-c", script, "" + server.port(),
                        file.toString());
                SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(python.pid()))) {
            ChildEvents events = ChildEvents.of(sensor, python);
            String[] fds = python.stdout().strip().split(" ");
            int fa = Integer.parseInt(fds[0]);
            int fb = Integer.parseInt(fds[1]);
            int fc = Integer.parseInt(fds[2]);

            assertThat(Files.readString(file)).isEqualTo("file-marker");
            assertThat(events.of(DataEvent.class)).extracting(DataEvent::fd).isSubsetOf(fa, fb, fc);
            assertThat(events.of(DataEvent.class)).noneSatisfy(event -> assertThat(new String(event.data(), US_ASCII))
                    .containsAnyOf("file-marker", "pipe-marker"));

            assertThat(fb).as("python reuses the lowest free fd").isEqualTo(fa);
            List<ConnectionEvent> connections = events.of(ConnectionEvent.class);
            ConnectionEvent first = connections.get(0);
            ConnectionEvent second = connections.get(1);
            assertThat(connections).extracting(ConnectionEvent::fd).startsWith(fa, fb, fc);
            assertThat(first.connId()).isNotEqualTo(second.connId());
            assertThat(events.syscallStream(first.connId(), Direction.EGRESS)).asString(US_ASCII)
                    .isEqualTo("first-connection");
            assertThat(events.syscallStream(second.connId(), Direction.EGRESS)).asString(US_ASCII)
                    .isEqualTo("second-connection");

            // dup2 replaced fb's socket without a close(2): the next use of fb ends it and starts a new connection.
            DataEvent afterDup2 = events.of(DataEvent.class).stream()
                    .filter(event -> new String(event.data(), US_ASCII).equals("after-dup2"))
                    .collect(ChildEvents.single());
            assertThat(afterDup2.fd()).isEqualTo(fb);
            assertThat(afterDup2.connId()).isNotIn(first.connId(), second.connId(), connections.get(2).connId());
            assertThat(connections).anySatisfy(connection -> assertThat(connection)
                    .extracting(ConnectionEvent::connId, ConnectionEvent::fd, ConnectionEvent::role)
                    .containsExactly(afterDup2.connId(), fb, Role.UNKNOWN));
            assertThat(events.of(CloseEvent.class)).extracting(CloseEvent::connId)
                    .contains(first.connId(), second.connId(), afterDup2.connId());
            assertThat(connections.stream().map(ConnectionEvent::connId).distinct()).hasSize(connections.size());
            ChildEvents.assertNothingLost(sensor);
        }
    }

    @Test
    void refusesToProbeAFileWithoutTheTlsFunctions() throws Exception {
        Path notTls = executable("true");
        SensorProgram sensor = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(1));
        try {
            assertThatThrownBy(() -> sensor.attachTls(notTls))
                    .isInstanceOfSatisfying(BpfException.class, e -> assertThat(e.isNotFound()).isTrue())
                    .hasMessageContaining(notTls + " has no function SSL_write");
            assertThatThrownBy(() -> sensor.attachTls(dir.resolve("missing.so")))
                    .isInstanceOfSatisfying(BpfException.class, e -> assertThat(e.isNotFound()).isTrue())
                    .hasMessageContaining("no such file");
        } finally {
            sensor.close();
        }
        assertThatThrownBy(() -> sensor.poll(Duration.ZERO, event -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(sensor::counters).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Checks a TLS exchange of {@code connection}: the request is in exactly one TLS stream, once, bound to the
     * connection; the response comes back on the same SSL object; no syscall data of the connection is reported.
     *
     * @return the SSL object's address
     */
    private static long assertTlsExchange(SensorProgram sensor, ChildEvents events, ConnectionEvent connection,
            String requestLine) {
        Map<Long, byte[]> egress = events.tlsStreams(Direction.EGRESS);
        List<Long> withRequest = egress.entrySet().stream()
                .filter(stream -> new String(stream.getValue(), US_ASCII).startsWith(requestLine))
                .map(Map.Entry::getKey).toList();
        assertThat(withRequest).as("TLS streams starting with %s", requestLine).hasSize(1);
        long ssl = withRequest.getFirst();
        String allPlaintext = String.join("\n", egress.values().stream().map(bytes -> new String(bytes, US_ASCII))
                .toList());
        assertThat(occurrences(allPlaintext, requestLine)).as("the request in the TLS plaintext").isEqualTo(1);

        assertThat(events.boundConnection(ssl)).as("the connection of SSL object 0x%x", ssl)
                .isEqualTo(connection.connId());
        assertThat(new String(events.tlsStreams(Direction.INGRESS).get(ssl), US_ASCII)).startsWith("HTTP/1.0 200 ok");
        assertThat(events.of(DataEvent.class)).as("syscall data of the TLS connection (its ciphertext)")
                .noneMatch(event -> !event.tls() && event.connId() == connection.connId());
        assertThat(events.of(DataEvent.class).stream().filter(event -> !event.tls()))
                .noneMatch(event -> new String(event.data(), US_ASCII).contains(requestLine));
        Map<SensorCounter, Long> counters = sensor.counters();
        assertThat(counters.get(SensorCounter.CIPHERTEXT_BYTES)).isPositive();
        assertThat(counters.get(SensorCounter.TLS_BOUND)).isPositive();
        ChildEvents.assertNothingLost(sensor);
        return ssl;
    }


    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static List<byte[]> awaitReceived(RawTcpServer server, int connections) throws InterruptedException {
        long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        while (server.received().size() < connections && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server.received();
    }

    /** The libssl.so.3 the dynamic linker gives programs such as curl, from {@code ldconfig -p}. */
    private static Path sharedLibssl() throws IOException, InterruptedException {
        Process ldconfig = new ProcessBuilder("ldconfig", "-p").redirectErrorStream(true).start();
        String cache = new String(ldconfig.getInputStream().readAllBytes(), US_ASCII);
        assertThat(ldconfig.waitFor()).isZero();
        String arch = System.getProperty("os.arch").equals("aarch64") ? "AArch64" : "x86-64";
        Matcher line = Pattern.compile("^\\s*libssl\\.so\\.3 \\(.*" + arch + ".*\\) => (\\S+)$", Pattern.MULTILINE)
                .matcher(cache);
        if (!line.find()) {
            return fail("no libssl.so.3 in the dynamic linker cache: install libssl3 (apt-get install libssl3)");
        }
        return Path.of(line.group(1)).toRealPath();
    }

    /** An executable on the PATH, its symbolic links resolved. */
    private static Path executable(String name) throws IOException {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toRealPath();
            }
        }
        return fail("%s is not on the PATH: install it (Node.js 20 for the memory BIO test)", name);
    }
}
