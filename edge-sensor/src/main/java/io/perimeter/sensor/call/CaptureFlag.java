package io.perimeter.sensor.call;

/** Conditions of the capture that change what a consumer may conclude from a call. */
public enum CaptureFlag {
    /** The request body was longer than the capture cap; {@link Body#bytes()} holds its start. */
    REQUEST_BODY_TRUNCATED,
    /** The response body was longer than the capture cap. */
    RESPONSE_BODY_TRUNCATED,
    /** Bytes of this connection were lost (ring buffer full, or a chunk cap); the call was resynchronised. */
    GAP,
    /** The connection ended or went idle before a response came. */
    NO_RESPONSE,
    /** A body's content encoding could not be decoded; {@link Body#bytes()} holds the encoded bytes. */
    UNDECODED_BODY
}
