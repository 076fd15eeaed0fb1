package io.perimeter.sensor.capture;

import io.perimeter.sensor.http.ConnectionInfo;
import io.perimeter.sensor.http.HttpConversation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One connection seen by the kernel, with the HTTP conversations of its byte streams. */
final class TrackedConnection {
    final long connId;
    final int tgid;
    final ConnectionInfo info;
    long lastSeenNanos;
    final Set<ConnectionTracker.TlsSession> tlsSessions = new HashSet<>(2);
    private HttpConversation plain;
    private Map<Long, HttpConversation> tls;
    private boolean countedNonHttp;

    TrackedConnection(long connId, int tgid, ConnectionInfo info, long nanos) {
        this.connId = connId;
        this.tgid = tgid;
        this.info = info;
        this.lastSeenNanos = nanos;
    }

    HttpConversation plain(ConnectionTracker tracker) {
        if (plain == null) {
            plain = tracker.conversation(info);
        }
        return plain;
    }

    HttpConversation tls(long sslPtr, ConnectionTracker tracker) {
        if (tls == null) {
            tls = new HashMap<>(2);
        }
        return tls.computeIfAbsent(sslPtr, p -> tracker.conversation(
                new ConnectionInfo(info.local(), info.remote(), info.process(), info.role(), true)));
    }

    /** Counts the socket stream once when it turns out not to be HTTP (e.g. TLS ciphertext, a database). */
    void noteNonHttp(CaptureStats stats) {
        if (!countedNonHttp && plain != null && !plain.isHttp()) {
            countedNonHttp = true;
            stats.nonHttpConnections.increment();
        }
    }

    void close(long nanos) {
        if (plain != null) {
            plain.close(nanos);
        }
        if (tls != null) {
            tls.values().forEach(c -> c.close(nanos));
        }
    }
}
