package io.perimeter.cloud.playbooks.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 request over a connection to an address {@link DestinationGuard} checked, not to what the host name
 * resolves to now: a DNS answer that changes between the check and the connection (rebinding) cannot move the request
 * to an internal address. For HTTPS the TLS handshake still uses the URL's host name, both for SNI and for verifying
 * the certificate (endpoint identification {@code HTTPS}, the JDK's default trust), so pinning the address weakens
 * nothing. The request is sent with {@code Connection: close}; only the status line and the headers of the answer are
 * read, its body never. Header names and values with control characters are refused (no header injection).
 */
final class PinnedHttp {
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final int MAX_HEAD = 64 * 1024;

    /** The status and headers (names lower-cased, first value) of an answer. */
    record Answer(int status, Map<String, String> headers) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }

    private PinnedHttp() {
    }

    /** Sends over TLS with {@code tls} ({@code null}: the JDK's default context and trust) when the URL is HTTPS. */
    static Answer send(CheckedDestination target, OutgoingRequest request, Duration timeout, SSLContext tls)
            throws IOException {
        URI uri = target.uri();
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        byte[] body = request.body() == null ? new byte[0] : request.body().getBytes(StandardCharsets.UTF_8);
        byte[] head = head(request, uri, port, https, body.length);
        try (Socket socket = connect(target.addresses(), port, timeout)) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            Socket channel = https ? handshake(socket, uri.getHost(), port, tls) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            InputStream in = channel.getInputStream();
            while (true) {
                Answer answer = readHead(in);
                if (answer.status() >= 200 || answer.status() == 101) {
                    return answer;
                }
            }
        }
    }

    private static Socket connect(List<InetAddress> addresses, int port, Duration timeout) throws IOException {
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) Math.max(1, timeout.toMillis()));
                return socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        throw last;
    }

    private static Socket handshake(Socket socket, String host, int port, SSLContext tls) throws IOException {
        SSLContext context;
        try {
            context = tls != null ? tls : SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException("no TLS", e);
        }
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(socket, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!name.contains(":") && !name.matches("[0-9.]+")) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.startHandshake();
        return ssl;
    }

    private static byte[] head(OutgoingRequest request, URI uri, int port, boolean tls, int contentLength) {
        if (!TOKEN.matcher(request.method()).matches()) {
            throw new IllegalArgumentException("not an HTTP method");
        }
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        boolean defaultPort = port == (tls ? 443 : 80);
        StringBuilder head = new StringBuilder(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        request.headers().forEach((name, value) -> {
            if (!TOKEN.matcher(name).matches() || value.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                throw new IllegalArgumentException("header " + name + " has characters a header cannot carry");
            }
            head.append(name).append(": ").append(value).append("\r\n");
        });
        head.append("Content-Length: ").append(contentLength).append("\r\nConnection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Answer readHead(InputStream in) throws IOException {
        String status = line(in);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw new IOException("not an HTTP/1.x answer");
        }
        Map<String, String> headers = new java.util.HashMap<>();
        int total = status.length();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            total += line.length();
            if (total > MAX_HEAD) {
                throw new IOException("answer head too long");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).strip());
            }
        }
        return new Answer(Integer.parseInt(parts[1]), Map.copyOf(headers));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed before the answer's head ended");
            }
            if (line.size() > MAX_HEAD) {
                throw new IOException("answer line too long");
            }
            line.write(c);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
