package io.perimeter.sensor.call;

/** An IP address (textual, v4 or v6) and port. {@link #UNKNOWN} when a source does not say. */
public record NetAddress(String ip, int port) {
    public static final NetAddress UNKNOWN = new NetAddress("", 0);

    public NetAddress {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    @Override
    public String toString() {
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
