package io.perimeter.sensor.http;

import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Headers;

/**
 * One HTTP/1.x message parsed from a byte stream, before requests and responses are paired.
 *
 * @param startLine      the three parts of the request line (method, target, version) or of the status line
 *                       (version, status, reason)
 * @param headers        header fields in wire order
 * @param body           the body after transfer decoding (dechunked), before content decoding, up to the cap
 * @param gap            bytes inside this message were lost (the body is incomplete, not corrupted)
 * @param firstByteNanos monotonic time of the first byte
 * @param lastByteNanos  monotonic time of the last byte
 */
record HttpMessage(String[] startLine, Headers headers, Body body, boolean gap, long firstByteNanos, long lastByteNanos) {

    String method() {
        return startLine[0];
    }

    int status() {
        return Integer.parseInt(startLine[1]);
    }
}
