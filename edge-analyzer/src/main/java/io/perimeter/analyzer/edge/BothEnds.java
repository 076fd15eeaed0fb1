package io.perimeter.analyzer.edge;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.NetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A call between two processes of this host is captured twice, once at each end of its connection. The server's view
 * is kept, since it names the process that serves the API; a client's view of a connection whose server end this edge
 * has seen is the same call again, and is dropped and counted ({@link #dropped()}), never analysed twice. A client's
 * view that comes before the first server view of its connection is kept: that is the rule when the server end is not
 * captured, and the exception otherwise (the server's end of a call usually completes first, since the client reads
 * the response after it was written; with TLS, the client's read can return before the server's write call does).
 *
 * <p>Connections are keyed by both addresses, which the sensor gives from either end alike; the most recently used
 * {@value #MAX_CONNECTIONS} are remembered. Thread-safe.
 */
final class BothEnds implements Predicate<ApiCall> {
    static final int MAX_CONNECTIONS = 65_536;

    private final Map<Connection, Boolean> serverEndSeen = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Connection, Boolean> eldest) {
            return size() > MAX_CONNECTIONS;
        }
    };
    private long dropped;

    /** True for a call to analyse, false for the client's copy of a call already seen at its server end. */
    @Override
    public synchronized boolean test(ApiCall call) {
        Connection connection = new Connection(call.client(), call.server());
        if (call.observedSide() == ApiCall.Side.SERVER) {
            serverEndSeen.put(connection, Boolean.TRUE);
            return true;
        }
        if (serverEndSeen.get(connection) != null) {
            dropped++;
            return false;
        }
        return true;
    }

    /** Client copies of calls already seen at their server end. */
    synchronized long dropped() {
        return dropped;
    }

    private record Connection(NetAddress client, NetAddress server) {}
}
