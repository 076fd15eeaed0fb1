package io.perimeter.sensor.call;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One HTTP exchange: a request and, when one came, its response.
 *
 * @param id        unique per sensor run, in capture order
 * @param started   when the first byte of the request was seen
 * @param duration  from the request's first byte to the response's last byte (zero without a response)
 * @param client    the side that sent the request
 * @param server    the side that answered
 * @param process   the observed process (the client or the server, see {@code observedSide})
 * @param observedSide whether the sensor watched the client or the server of the connection
 * @param tls       true when the plaintext came from the TLS library rather than the socket
 * @param request   the request
 * @param response  the response, empty when the connection closed or timed out before one
 * @param flags     capture conditions a consumer must know about (truncation, gaps)
 */
public record ApiCall(
        long id,
        Instant started,
        Duration duration,
        NetAddress client,
        NetAddress server,
        ProcessInfo process,
        Side observedSide,
        boolean tls,
        HttpRequest request,
        Optional<HttpResponse> response,
        Set<CaptureFlag> flags) {

    public ApiCall {
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(observedSide, "observedSide");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(response, "response");
        flags = Set.copyOf(flags);
    }

    /** Which end of the connection the sensor observed. */
    public enum Side { CLIENT, SERVER }
}
