package io.perimeter.sensor.events;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP server on 127.0.0.1 in this JVM that keeps the exact bytes each connection sent. In HTTP mode it reads one
 * request (head and Content-Length body) and answers a fixed response; otherwise it reads until the peer closes. The
 * JVM is the sensor's own process, so the server side is never traced.
 */
final class RawTcpServer implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("\r\ncontent-length:\\s*(\\d+)\r\n");

    private final ServerSocket socket;
    private final byte[] response;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    private RawTcpServer(byte[] response) throws IOException {
        this.response = response;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.submit(this::acceptLoop);
    }

    /** Answers each HTTP request with {@code response}. */
    static RawTcpServer http(byte[] response) throws IOException {
        return new RawTcpServer(response);
    }

    /** Reads each connection to its end and answers nothing. */
    static RawTcpServer sink() throws IOException {
        return new RawTcpServer(null);
    }

    int port() {
        return socket.getLocalPort();
    }

    /**
     * The bytes each connection sent so far: in HTTP mode its request (kept before it is answered), otherwise all it
     * sent until it closed.
     */
    List<byte[]> received() {
        return List.copyOf(received);
    }

    private Void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                executor.submit(() -> handle(connection));
            } catch (IOException e) {
                return null; // closed
            }
        }
        return null;
    }

    private Void handle(Socket connection) throws IOException {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            if (response == null) {
                received.add(in.readAllBytes());
                return null;
            }
            // Kept before answering: the client may exit, and the test look, as soon as the answer is out.
            received.add(readRequest(in));
            OutputStream out = connection.getOutputStream();
            out.write(response);
            out.flush();
        }
        return null;
    }

    private static byte[] readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return request.toByteArray();
            }
            request.write(b);
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
        Matcher length = CONTENT_LENGTH.matcher(request.toString(StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT));
        if (length.find()) {
            request.write(in.readNBytes(Integer.parseInt(length.group(1))));
        }
        return request.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        executor.shutdownNow();
    }
}
