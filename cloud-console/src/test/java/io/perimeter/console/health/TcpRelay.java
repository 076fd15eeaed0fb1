package io.perimeter.console.health;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on a loopback port in front of a real service, so that a test can make the service unreachable at a
 * moment of its choosing and deterministically: {@link #cut()} closes the listening port (new connections are refused)
 * and every relayed connection (pooled ones break); {@link #restore()} listens on the same port again.
 */
final class TcpRelay implements AutoCloseable {
    private final String upstreamHost;
    private final int upstreamPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    TcpRelay(String upstreamHost, int upstreamPort) {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        accept(listener);
    }

    int port() {
        return port;
    }

    synchronized void cut() {
        close(listener);
        for (Socket socket : open) {
            close(socket);
        }
        open.clear();
    }

    synchronized void restore() {
        if (listener.isClosed()) {
            listener = listen(port);
            accept(listener);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on 127.0.0.1:" + port, e);
        }
    }

    private void accept(ServerSocket server) {
        Thread.ofVirtual().name("relay-accept-" + port).start(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    continue; // closed by cut(): the loop ends
                }
                try {
                    Socket upstream = new Socket(upstreamHost, upstreamPort);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    close(client); // the service itself refused: so does the relay
                }
            }
        });
    }

    private void pump(Socket from, Socket to) {
        Thread.ofVirtual().name("relay-" + port).start(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed: close both below
            } finally {
                close(from);
                close(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private static void close(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing is all that is wanted
        }
    }
}
