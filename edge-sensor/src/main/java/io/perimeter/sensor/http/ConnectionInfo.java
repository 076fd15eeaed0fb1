package io.perimeter.sensor.http;

import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;

/**
 * What the sensor knows of a connection from the observed process's side.
 *
 * @param local   the observed process's address
 * @param remote  the peer's address
 * @param process the observed process
 * @param role    whether the process accepted (server) or connected (client); UNKNOWN for sockets that existed
 *                before the sensor started, in which case the HTTP traffic itself tells
 * @param tls     true when the bytes are TLS plaintext from the TLS library
 */
public record ConnectionInfo(NetAddress local, NetAddress remote, ProcessInfo process, Role role, boolean tls) {

    public enum Role { CLIENT, SERVER, UNKNOWN }
}
