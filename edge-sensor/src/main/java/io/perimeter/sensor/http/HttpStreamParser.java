package io.perimeter.sensor.http;

import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Parses one direction of an HTTP/1.x connection into {@link HttpMessage}s: keep-alive and pipelining,
 * Content-Length, chunked transfer coding with trailers, bodies delimited by the connection's end, and the
 * responses without a body (HEAD, 1xx, 204, 304).
 *
 * <p>Input arrives as captured bytes and counts of lost bytes ({@link #skip(long, long)}). A loss inside a body
 * whose length is known keeps the parser in step: the message is delivered with {@code gap} set and the body it
 * could see. A loss anywhere else loses the framing; the parser then looks for the next line that starts a
 * message of its kind. Bytes that do not look like HTTP at the start of the stream make it give up
 * ({@link #isHttp()} turns false) so that non-HTTP connections cost almost nothing.
 *
 * <p>Not thread-safe: one parser per direction of a connection, fed in stream order.
 */
final class HttpStreamParser {
    /** A message head (start line + headers) longer than this is not HTTP we can use. */
    static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_CHUNK_LINE = 1024;
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    enum Kind { REQUEST, RESPONSE }

    private enum State { HEAD, BODY_FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_DATA_END, TRAILERS, BODY_UNTIL_CLOSE, RESYNC, NOT_HTTP, UPGRADED }

    private final Kind kind;
    private final int bodyCap;
    private final Consumer<HttpMessage> sink;
    /** For responses: the method of the request the next response answers (null if none is pending). */
    private final Supplier<String> pendingRequestMethod;
    /** Told when a message's head is complete (before its body): requests must be queued before 100-continue. */
    private final Consumer<String[]> headListener;

    private State state = State.HEAD;
    private final LineBuffer line = new LineBuffer();
    private boolean seenAnyMessage;

    // The message being parsed.
    private String[] startLine;
    private final List<Header> headers = new ArrayList<>();
    private int headBytes;
    private byte[] body = new byte[256];
    private int bodyLength; // bytes kept
    private long bodyWireLength; // bytes on the wire, kept or not
    private long remaining; // in BODY_FIXED and CHUNK_DATA
    private boolean gap;
    /** After a loss inside the body, later bytes are counted but not kept: the kept body stays contiguous. */
    private boolean bodyFrozen;
    private long firstByteNanos;
    private long lastByteNanos;
    private boolean messageStarted;

    HttpStreamParser(Kind kind, int bodyCap, Consumer<HttpMessage> sink, Supplier<String> pendingRequestMethod,
            Consumer<String[]> headListener) {
        this.kind = kind;
        this.headListener = headListener;
        this.bodyCap = bodyCap;
        this.sink = sink;
        this.pendingRequestMethod = pendingRequestMethod;
    }

    /** False once the stream was found not to be HTTP/1.x; further input is ignored. */
    boolean isHttp() {
        return state != State.NOT_HTTP;
    }

    /** True after a message switched the connection to another protocol (101, CONNECT). */
    boolean isUpgraded() {
        return state == State.UPGRADED;
    }

    /** Stops parsing: the connection switched protocols. */
    void upgrade() {
        state = State.UPGRADED;
    }

    /** Feeds captured bytes, in stream order. */
    void data(byte[] bytes, int offset, int length, long nanos) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            switch (state) {
                case NOT_HTTP, UPGRADED -> {
                    return;
                }
                case HEAD, RESYNC -> i = head(bytes, i, end, nanos);
                case BODY_FIXED, CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - i);
                    keepBody(bytes, i, n);
                    i += n;
                    remaining -= n;
                    lastByteNanos = nanos;
                    if (remaining == 0) {
                        if (state == State.BODY_FIXED) {
                            finish();
                        } else {
                            state = State.CHUNK_DATA_END;
                        }
                    }
                }
                case CHUNK_DATA_END -> i = chunkDataEnd(bytes, i, end);
                case CHUNK_SIZE -> i = chunkSize(bytes, i, end, nanos);
                case TRAILERS -> i = trailers(bytes, i, end, nanos);
                case BODY_UNTIL_CLOSE -> {
                    keepBody(bytes, i, end - i);
                    lastByteNanos = nanos;
                    i = end;
                }
            }
        }
    }

    /** Records that {@code count} bytes of the stream were lost (not captured). */
    void skip(long count, long nanos) {
        if (count <= 0) {
            return;
        }
        switch (state) {
            case NOT_HTTP, UPGRADED, RESYNC -> { }
            case BODY_FIXED, CHUNK_DATA -> {
                gap = true;
                bodyFrozen = true;
                long inBody = Math.min(count, remaining);
                bodyWireLength += inBody;
                remaining -= inBody;
                lastByteNanos = nanos;
                if (count > inBody) {
                    lostFraming(); // the loss ran past the framing we knew
                } else if (remaining == 0) {
                    if (state == State.BODY_FIXED) {
                        finish();
                    } else {
                        state = State.CHUNK_DATA_END;
                    }
                }
            }
            case BODY_UNTIL_CLOSE -> {
                gap = true;
                bodyFrozen = true;
                bodyWireLength += count;
            }
            case HEAD -> {
                lostFraming(); // even between messages: the next bytes may be mid-message
            }
            default -> lostFraming();
        }
    }

    /** The connection ended: a body delimited by the close is complete; a partial message is dropped. */
    void end(long nanos) {
        if (state == State.BODY_UNTIL_CLOSE) {
            lastByteNanos = nanos;
            finish();
        }
    }

    private void lostFraming() {
        // A partial message whose framing is lost cannot be delivered faithfully; start over at the next message.
        resetMessage();
        state = State.RESYNC;
    }

    // ---- head ----------------------------------------------------------------------------------------------

    private int head(byte[] bytes, int i, int end, long nanos) {
        while (i < end) {
            if (!messageStarted) {
                messageStarted = true;
                firstByteNanos = nanos;
            }
            int eol = indexOf(bytes, i, end, LF);
            int stop = eol < 0 ? end : eol + 1;
            headBytes += stop - i;
            if (headBytes > MAX_HEAD) {
                if (state == State.RESYNC) { // a long line of body bytes while looking for the next message
                    resetMessage();
                    i = stop;
                    continue;
                }
                giveUp();
                return end;
            }
            line.append(bytes, i, stop - i);
            i = stop;
            if (eol < 0) {
                if (startLine == null && state == State.HEAD && !seenAnyMessage && !line.couldStart(kind)) {
                    giveUp();
                    return end;
                }
                return i;
            }
            lastByteNanos = nanos;
            boolean empty = line.contentLength() == 0;
            if (startLine == null) {
                if (empty && state == State.HEAD) {
                    resetMessage(); // stray CRLF between messages is allowed
                    continue;
                }
                String[] parsed = line.startLine(kind);
                line.clear();
                if (parsed == null) {
                    if (state == State.RESYNC || seenAnyMessage) {
                        resetMessage();
                        state = State.RESYNC;
                        continue;
                    }
                    giveUp();
                    return end;
                }
                startLine = parsed;
                state = State.HEAD;
            } else if (empty) {
                line.clear();
                startBody(nanos);
                return i;
            } else {
                Header header = line.header();
                line.clear();
                if (header == null) {
                    lostFraming();
                    continue;
                }
                headers.add(header);
            }
        }
        return i;
    }

    private void startBody(long nanos) {
        lastByteNanos = nanos;
        headListener.accept(startLine);
        boolean chunked = false;
        long contentLength = -1;
        boolean lengthSeen = false;
        for (Header header : headers) {
            if (!chunked && header.name().equalsIgnoreCase("Transfer-Encoding")) {
                chunked = containsIgnoreCase(header.value(), "chunked");
            } else if (!lengthSeen && header.name().equalsIgnoreCase("Content-Length")) {
                lengthSeen = true; // the first one counts
                contentLength = contentLength(header.value());
            }
        }
        if (kind == Kind.RESPONSE) {
            int status = Integer.parseInt(startLine[1]);
            String method = pendingRequestMethod.get();
            if (status / 100 == 1 || status == 204 || status == 304 || "HEAD".equals(method)
                    || ("CONNECT".equals(method) && status / 100 == 2)) {
                finish();
                return;
            }
            if (chunked) {
                state = State.CHUNK_SIZE;
            } else if (contentLength >= 0) {
                fixed(contentLength);
            } else {
                state = State.BODY_UNTIL_CLOSE;
            }
            return;
        }
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else {
            fixed(Math.max(contentLength, 0));
        }
    }

    private void fixed(long length) {
        if (length == 0) {
            finish();
        } else {
            remaining = length;
            state = State.BODY_FIXED;
        }
    }

    private static long contentLength(String value) {
        try {
            long length = Long.parseLong(value);
            return length < 0 ? -1 : length;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
    }

    // ---- chunked ------------------------------------------------------------------------------------------

    private int chunkSize(byte[] bytes, int i, int end, long nanos) {
        int eol = indexOf(bytes, i, end, LF);
        int stop = eol < 0 ? end : eol + 1;
        line.append(bytes, i, stop - i);
        if (line.size() > MAX_CHUNK_LINE) {
            lostFraming();
            return stop;
        }
        if (eol < 0) {
            return stop;
        }
        long size = line.chunkSize();
        line.clear();
        if (size < 0) {
            lostFraming();
            return stop;
        }
        lastByteNanos = nanos;
        if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
        return stop;
    }

    private int chunkDataEnd(byte[] bytes, int i, int end) {
        // CRLF after the chunk data
        while (i < end) {
            byte b = bytes[i++];
            if (b == LF) {
                state = State.CHUNK_SIZE;
                return i;
            }
            if (b != CR) {
                lostFraming();
                return i;
            }
        }
        return i;
    }

    private int trailers(byte[] bytes, int i, int end, long nanos) {
        while (i < end) {
            int eol = indexOf(bytes, i, end, LF);
            int stop = eol < 0 ? end : eol + 1;
            line.append(bytes, i, stop - i);
            i = stop;
            if (line.size() > MAX_HEAD) {
                lostFraming();
                return i;
            }
            if (eol < 0) {
                return i;
            }
            String text = line.takeLine();
            lastByteNanos = nanos;
            if (text.isEmpty()) {
                finish();
                return i;
            }
            int colon = text.indexOf(':');
            if (colon > 0) {
                headers.add(new Header(text.substring(0, colon).strip(), text.substring(colon + 1).strip()));
            }
        }
        return i;
    }

    // ---- body and delivery --------------------------------------------------------------------------------

    private void keepBody(byte[] bytes, int from, int length) {
        bodyWireLength += length;
        if (bodyFrozen) {
            return;
        }
        int room = bodyCap - bodyLength;
        int n = Math.min(room, length);
        if (n <= 0) {
            return;
        }
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.min(bodyCap, Math.max(body.length * 2, bodyLength + n)));
        }
        System.arraycopy(bytes, from, body, bodyLength, n);
        bodyLength += n;
    }

    private void finish() {
        boolean truncated = bodyWireLength > bodyLength;
        var message = new HttpMessage(startLine, new Headers(headers),
                new Body(Arrays.copyOf(body, bodyLength), bodyWireLength, truncated), gap, firstByteNanos, lastByteNanos);
        seenAnyMessage = true;
        resetMessage();
        state = State.HEAD;
        sink.accept(message);
    }

    private void resetMessage() {
        startLine = null;
        headers.clear();
        headBytes = 0;
        line.clear();
        if (body.length > 4096) {
            body = new byte[256];
        }
        bodyLength = 0;
        bodyWireLength = 0;
        remaining = 0;
        gap = false;
        bodyFrozen = false;
        messageStarted = false;
    }

    private void giveUp() {
        resetMessage();
        state = State.NOT_HTTP;
    }

    private static int indexOf(byte[] bytes, int from, int to, byte value) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
