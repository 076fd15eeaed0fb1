package io.perimeter.sensor.call;

import java.util.Arrays;

/**
 * A message body after transfer and content decoding, up to the capture cap.
 *
 * @param bytes      the (possibly truncated) decoded body; defensive copies in and out
 * @param wireLength the body's length on the wire (after dechunking, before content decoding), -1 if unknown
 * @param truncated  true when {@code bytes} is only the start of the body
 */
public record Body(byte[] bytes, long wireLength, boolean truncated) {
    public static final Body EMPTY = new Body(new byte[0], 0, false);

    public Body {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Body other && wireLength == other.wireLength && truncated == other.truncated
                && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + Long.hashCode(wireLength) + (truncated ? 1 : 0);
    }

    @Override
    public String toString() {
        // Bodies carry personal data: never print them whole.
        return "Body[" + bytes.length + " bytes, wire " + wireLength + (truncated ? ", truncated" : "")
                + "]";
    }
}
