package io.perimeter.sensor.capture;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import io.perimeter.sensor.events.CloseEvent;
import io.perimeter.sensor.events.ConnectionEvent;
import io.perimeter.sensor.events.DataEvent;
import io.perimeter.sensor.events.ExecEvent;
import io.perimeter.sensor.events.ExitEvent;
import io.perimeter.sensor.events.SensorEvent;
import io.perimeter.sensor.events.TlsBindEvent;
import io.perimeter.sensor.http.ConnectionInfo;
import io.perimeter.sensor.http.HttpConversation;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Follows connections from the kernel's events and hands their bytes to one {@link HttpConversation} per
 * byte stream: the socket's own stream, and one per TLS session (keyed by the TLS library's session pointer).
 *
 * <p>Connections are keyed by the kernel's connection id, which changes when a file descriptor is reused, so two
 * connections can never mix. Memory is bounded: idle connections are closed after the timeout and the least
 * recently active one is evicted past the cap; both are counted in {@link CaptureStats}. TLS plaintext that
 * arrives before the kernel has tied its session to a socket (runtimes with memory BIOs, like Node.js) waits, up
 * to a byte budget, for the binding.
 *
 * <p>Not thread-safe: feed it from the one thread that polls the ring buffer.
 */
public final class ConnectionTracker {
    private final CaptureSettings settings;
    private final Consumer<ApiCall> sink;
    private final LongSupplier callIds;
    private final LongFunction<Instant> wallClock;
    private final CaptureStats stats;

    private final LinkedHashMap<Long, TrackedConnection> connections = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<TlsSession, Long> tlsBindings = new HashMap<>();
    private final Map<TlsSession, PendingTls> pendingTls = new HashMap<>();
    /**
     * The bytes of the event being fed, copied out of it without an allocation: the parsers copy what they keep
     * and never hold on to their input.
     */
    private byte[] feeding = new byte[8192];
    private Consumer<ExecEvent> execListener = e -> { };

    public ConnectionTracker(CaptureSettings settings, Consumer<ApiCall> sink, LongSupplier callIds,
            LongFunction<Instant> wallClock, CaptureStats stats) {
        this.settings = settings;
        this.sink = sink;
        this.callIds = callIds;
        this.wallClock = wallClock;
        this.stats = stats;
    }

    /** Receives the kernel's process-exec events (to look for TLS libraries in new processes). */
    public void onExec(Consumer<ExecEvent> listener) {
        this.execListener = listener;
    }

    /** Number of connections tracked now. */
    public int size() {
        return connections.size();
    }

    public void accept(SensorEvent event) {
        stats.events.increment();
        switch (event) {
            case ConnectionEvent open -> opened(open);
            case DataEvent data -> data(data);
            case TlsBindEvent bind -> bound(bind);
            case CloseEvent close -> closed(close.connId(), close.timestampNanos());
            case ExitEvent exit -> exited(exit);
            case ExecEvent exec -> execListener.accept(exec);
        }
    }

    /** Closes connections idle since before {@code nowNanos - idleTimeout}; call it about once a second. */
    public void expireIdle(long nowNanos) {
        long horizon = nowNanos - settings.idleTimeout().toNanos();
        // Access order: the least recently active come first.
        Iterator<TrackedConnection> it = connections.values().iterator();
        List<TrackedConnection> idle = new ArrayList<>();
        while (it.hasNext()) {
            TrackedConnection connection = it.next();
            if (connection.lastSeenNanos >= horizon) {
                break;
            }
            idle.add(connection);
        }
        for (TrackedConnection connection : idle) {
            stats.evictedIdle.increment();
            close(connection, nowNanos);
        }
        pendingTls.values().removeIf(p -> p.lastSeenNanos < horizon && countDropped(p));
    }

    /** Flushes every connection, as at shutdown: unanswered requests are delivered as such. */
    public void closeAll(long nowNanos) {
        for (TrackedConnection connection : new ArrayList<>(connections.values())) {
            close(connection, nowNanos);
        }
        pendingTls.values().forEach(this::countDropped);
        pendingTls.clear();
    }

    private void opened(ConnectionEvent event) {
        TrackedConnection existing = connections.get(event.connId());
        if (existing != null) {
            return; // the kernel reports first sight once; a repeat carries nothing new
        }
        var info = new ConnectionInfo(event.local(), event.remote(), new ProcessInfo(event.tgid(), event.comm()), event.role(), false);
        track(new TrackedConnection(event.connId(), event.tgid(), info, event.timestampNanos()));
    }

    private void data(DataEvent event) {
        stats.dataBytes.add(event.capturedLength());
        if (!event.tls()) {
            TrackedConnection connection = connection(event.connId(), event);
            int length = copyData(event);
            connection.plain(this).data(event.direction(), event.offset(), feeding, 0, length,
                    event.trueLength(), event.timestampNanos());
            connection.noteNonHttp(stats);
            return;
        }
        TlsSession session = new TlsSession(event.tgid(), event.sslPtr());
        long connId = event.connId() != 0 ? event.connId() : tlsBindings.getOrDefault(session, 0L);
        if (connId == 0) {
            pendingTls.computeIfAbsent(session, s -> new PendingTls()).add(event, settings.maxPendingTlsBytes(), stats);
            return;
        }
        if (event.connId() != 0 && !isBound(session, connId)) {
            bind(session, connId, event.timestampNanos());
        }
        feedTls(connection(connId, event), session, event);
    }

    private void bound(TlsBindEvent event) {
        bind(new TlsSession(event.tgid(), event.sslPtr()), event.connId(), event.timestampNanos());
    }

    private boolean isBound(TlsSession session, long connId) {
        Long bound = tlsBindings.get(session);
        return bound != null && bound == connId;
    }

    private void bind(TlsSession session, long connId, long nanos) {
        Long previous = tlsBindings.put(session, connId);
        if (previous == null || previous != connId) {
            TrackedConnection connection = connections.get(connId);
            if (connection != null) {
                connection.tlsSessions.add(session);
            }
        }
        PendingTls pending = pendingTls.remove(session);
        if (pending != null) {
            TrackedConnection connection = connections.get(connId);
            if (connection == null) {
                connection = placeholder(connId, session.tgid(), pending.first().comm(), nanos);
                connection.tlsSessions.add(session);
            }
            for (DataEvent event : pending.events) {
                feedTls(connection, session, event);
            }
        }
    }

    private void feedTls(TrackedConnection connection, TlsSession session, DataEvent event) {
        connection.lastSeenNanos = event.timestampNanos();
        int length = copyData(event);
        connection.tls(session.sslPtr(), this).data(event.direction(), event.offset(), feeding, 0, length,
                event.trueLength(), event.timestampNanos());
    }

    private int copyData(DataEvent event) {
        int length = event.capturedLength();
        if (length > feeding.length) {
            feeding = new byte[length];
        }
        event.dataBuffer().get(feeding, 0, length);
        return length;
    }

    private void closed(long connId, long nanos) {
        TrackedConnection connection = connections.get(connId);
        if (connection != null) {
            close(connection, nanos);
        }
    }

    private void exited(ExitEvent event) {
        for (TrackedConnection connection : new ArrayList<>(connections.values())) {
            if (connection.tgid == event.tgid()) {
                close(connection, event.timestampNanos());
            }
        }
        pendingTls.entrySet().removeIf(e -> e.getKey().tgid() == event.tgid() && countDropped(e.getValue()));
    }

    private void close(TrackedConnection connection, long nanos) {
        connections.remove(connection.connId);
        for (TlsSession session : connection.tlsSessions) {
            tlsBindings.remove(session, connection.connId);
        }
        connection.close(nanos);
    }

    private TrackedConnection connection(long connId, DataEvent event) {
        TrackedConnection connection = connections.get(connId);
        if (connection == null) {
            stats.dataWithoutConnection.increment();
            connection = placeholder(connId, event.tgid(), event.comm(), event.timestampNanos());
        }
        connection.lastSeenNanos = event.timestampNanos();
        return connection;
    }

    /** A connection whose open event was lost: addresses unknown, role decided by the traffic. */
    private TrackedConnection placeholder(long connId, int tgid, String comm, long nanos) {
        var info = new ConnectionInfo(NetAddress.UNKNOWN, NetAddress.UNKNOWN, new ProcessInfo(tgid, comm),
                ConnectionInfo.Role.UNKNOWN, false);
        return track(new TrackedConnection(connId, tgid, info, nanos));
    }

    private TrackedConnection track(TrackedConnection connection) {
        stats.connectionsOpened.increment();
        connections.put(connection.connId, connection);
        while (connections.size() > settings.maxConnections()) {
            TrackedConnection eldest = connections.values().iterator().next();
            stats.evictedOverCap.increment();
            close(eldest, eldest.lastSeenNanos);
        }
        return connection;
    }

    private boolean countDropped(PendingTls pending) {
        stats.pendingTlsBytesDropped.add(pending.bytes);
        return true;
    }

    HttpConversation conversation(ConnectionInfo info) {
        return new HttpConversation(info, settings.bodyCap(), this::deliver, callIds, wallClock);
    }

    private void deliver(ApiCall call) {
        stats.calls.increment();
        if (call.flags().contains(CaptureFlag.GAP)) {
            stats.callsWithGaps.increment();
        }
        sink.accept(call);
    }

    /** A TLS session of a process: the library's session object address, unique while the session lives. */
    record TlsSession(int tgid, long sslPtr) {}

    /** Plaintext of a TLS session whose socket is not known yet. */
    private static final class PendingTls {
        final ArrayDeque<DataEvent> events = new ArrayDeque<>();
        long bytes;
        long lastSeenNanos;

        void add(DataEvent event, int budget, CaptureStats stats) {
            events.addLast(event);
            bytes += event.capturedLength();
            lastSeenNanos = event.timestampNanos();
            while (bytes > budget && events.size() > 1) {
                DataEvent dropped = events.pollFirst();
                bytes -= dropped.capturedLength();
                stats.pendingTlsBytesDropped.add(dropped.capturedLength());
            }
        }

        DataEvent first() {
            return events.getFirst();
        }
    }
}
