package io.perimeter.sensor.events;

import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.http.ConnectionInfo;

/**
 * A TCP connection (IPv4 or IPv6) seen for the first time: when its process accepted or connected it, or, for a
 * socket opened before the sensor started, at its first data ({@link ConnectionInfo.Role#UNKNOWN role unknown}).
 *
 * @param fd the socket's file descriptor in {@code tgid}
 * @param connId unique while the program is loaded, never 0; data, close and TLS-bind events refer to it
 * @param role CLIENT after {@code connect}, SERVER after {@code accept}, UNKNOWN otherwise
 * @param local the process's end; an IPv4-mapped IPv6 address is given in its IPv4 form
 * @param remote the peer's end, same form
 * @param comm the name of the thread that made or first used the connection
 */
public record ConnectionEvent(long timestampNanos, int tgid, int fd, long connId, ConnectionInfo.Role role,
        NetAddress local, NetAddress remote, String comm) implements SensorEvent {}
