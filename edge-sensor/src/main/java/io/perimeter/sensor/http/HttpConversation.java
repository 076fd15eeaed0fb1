package io.perimeter.sensor.http;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.HttpResponse;
import io.perimeter.sensor.call.NetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Turns the two byte streams of one connection into {@link ApiCall}s: requests and responses are paired in
 * order (pipelining), interim 1xx responses are passed over, a 101 or a successful CONNECT ends parsing,
 * content codings are undone, and requests left without a response when the connection ends are delivered
 * flagged {@link CaptureFlag#NO_RESPONSE}.
 *
 * <p>Input carries stream offsets, so lost bytes are detected, never guessed: bytes past a hole are parsed
 * only after the parser was told of the hole. Not thread-safe: one instance per connection, fed in order.
 */
public final class HttpConversation {
    private final ConnectionInfo info;
    private final int bodyCap;
    private final Consumer<ApiCall> sink;
    private final LongSupplier ids;
    private final LongFunction<Instant> wallClock;

    private final Stream egress = new Stream();
    private final Stream ingress = new Stream();
    /** Decided by the role, or by the first bytes when the role is unknown. */
    private Direction requestDirection;
    private HttpStreamParser requests;
    private HttpStreamParser responses;
    private final ArrayDeque<Exchange> exchanges = new ArrayDeque<>();
    private boolean notHttp;

    /**
     * @param bodyCap   bodies are kept up to this many bytes (after content decoding too)
     * @param sink      receives the calls, in request order
     * @param ids       source of call ids
     * @param wallClock converts the monotonic nanosecond timestamps of the input to wall-clock time
     */
    public HttpConversation(ConnectionInfo info, int bodyCap, Consumer<ApiCall> sink, LongSupplier ids,
            LongFunction<Instant> wallClock) {
        this.info = info;
        this.bodyCap = bodyCap;
        this.sink = sink;
        this.ids = ids;
        this.wallClock = wallClock;
        switch (info.role()) {
            case CLIENT -> setRequestDirection(Direction.EGRESS);
            case SERVER -> setRequestDirection(Direction.INGRESS);
            case UNKNOWN -> { }
        }
    }

    /** False once either direction turned out not to be HTTP/1.x; later input is ignored cheaply. */
    public boolean isHttp() {
        return !notHttp;
    }

    /**
     * Feeds bytes of one direction. They are read during the call only (what is kept is copied), so the caller
     * may reuse the array.
     *
     * @param offset     the stream offset of {@code bytes[from]}
     * @param trueLength how many bytes the process really sent or received at this offset; the ones past
     *                   {@code length} were not captured
     * @param nanos      monotonic time of the transfer
     */
    public void data(Direction direction, long offset, byte[] bytes, int from, int length, long trueLength, long nanos) {
        if (notHttp) {
            return;
        }
        if (requestDirection == null && !decideDirection(direction, bytes, from, length)) {
            return;
        }
        Stream stream = direction == Direction.EGRESS ? egress : ingress;
        HttpStreamParser parser = direction == requestDirection ? requests : responses;
        if (offset > stream.next) {
            parser.skip(offset - stream.next, nanos);
            stream.next = offset;
        } else if (offset < stream.next) { // overlap with what was already parsed: keep only the new part
            long overlap = stream.next - offset;
            if (overlap >= trueLength) {
                return;
            }
            int dropped = (int) Math.min(overlap, length);
            from += dropped;
            length -= dropped;
            trueLength -= overlap;
            offset = stream.next;
        }
        parser.data(bytes, from, length, nanos);
        if (trueLength > length) {
            parser.skip(trueLength - length, nanos);
        }
        stream.next = offset + Math.max(trueLength, length);
        if (!parser.isHttp()) {
            notHttp = true;
            exchanges.clear();
        }
    }

    /** The connection closed: completes a body delimited by the close, then flushes unanswered requests. */
    public void close(long nanos) {
        if (requestDirection == null || notHttp) {
            return;
        }
        responses.end(nanos);
        while (!exchanges.isEmpty()) {
            Exchange exchange = exchanges.pollFirst();
            if (exchange.request != null) {
                emit(exchange.request, null, exchange.gapFlag());
            }
        }
    }

    private boolean decideDirection(Direction direction, byte[] bytes, int from, int length) {
        if (length == 0) {
            return false;
        }
        boolean looksLikeResponse = startsWith(bytes, from, length, "HTTP/1.");
        setRequestDirection(looksLikeResponse ? opposite(direction) : direction);
        return true;
    }

    private void setRequestDirection(Direction direction) {
        requestDirection = direction;
        requests = new HttpStreamParser(HttpStreamParser.Kind.REQUEST, bodyCap, this::requestDone, () -> null, this::requestHead);
        responses = new HttpStreamParser(HttpStreamParser.Kind.RESPONSE, bodyCap, this::responseDone, this::answeredMethod, line -> { });
    }

    private void requestHead(String[] startLine) {
        exchanges.addLast(new Exchange(startLine[0]));
    }

    private String answeredMethod() {
        Exchange first = exchanges.peekFirst();
        return first == null ? null : first.method;
    }

    private void requestDone(HttpMessage request) {
        for (Exchange exchange : exchanges) {
            if (exchange.request == null) {
                exchange.request = request;
                break;
            }
        }
        flush();
    }

    private void responseDone(HttpMessage response) {
        int status = response.status();
        if (status / 100 == 1 && status != 101) {
            return; // 100 Continue, 103 Early Hints: the final response follows
        }
        Exchange exchange = exchanges.peekFirst();
        if (exchange == null) {
            return; // a response to a request we did not see (capture started mid-exchange)
        }
        exchange.response = response;
        if (status == 101 || ("CONNECT".equals(exchange.method) && status / 100 == 2)) {
            requests.upgrade();
            responses.upgrade();
        }
        flush();
    }

    private void flush() {
        while (!exchanges.isEmpty() && exchanges.peekFirst().request != null && exchanges.peekFirst().response != null) {
            Exchange exchange = exchanges.pollFirst();
            emit(exchange.request, exchange.response, exchange.gapFlag());
        }
    }

    private void emit(HttpMessage request, HttpMessage response, boolean gap) {
        Set<CaptureFlag> flags = EnumSet.noneOf(CaptureFlag.class);
        if (gap) {
            flags.add(CaptureFlag.GAP);
        }
        Body requestBody = decoded(request, flags, CaptureFlag.REQUEST_BODY_TRUNCATED);
        Optional<HttpResponse> httpResponse = Optional.empty();
        long end = request.lastByteNanos();
        if (response == null) {
            flags.add(CaptureFlag.NO_RESPONSE);
        } else {
            Body responseBody = decoded(response, flags, CaptureFlag.RESPONSE_BODY_TRUNCATED);
            String[] status = response.startLine();
            httpResponse = Optional.of(new HttpResponse(Integer.parseInt(status[1]), status[2], status[0], response.headers(), responseBody));
            end = response.lastByteNanos();
        }
        String[] line = request.startLine();
        var httpRequest = new HttpRequest(line[0], line[1], line[2], request.headers(), requestBody);
        boolean clientObserved = requestDirection == Direction.EGRESS;
        NetAddress client = clientObserved ? info.local() : info.remote();
        NetAddress server = clientObserved ? info.remote() : info.local();
        sink.accept(new ApiCall(ids.getAsLong(), wallClock.apply(request.firstByteNanos()),
                response == null ? Duration.ZERO : Duration.ofNanos(Math.max(0, end - request.firstByteNanos())),
                client, server, info.process(), clientObserved ? ApiCall.Side.CLIENT : ApiCall.Side.SERVER,
                info.tls(), httpRequest, httpResponse, flags));
    }

    private Body decoded(HttpMessage message, Set<CaptureFlag> flags, CaptureFlag truncatedFlag) {
        Body body = message.body();
        String coding = message.headers().first("Content-Encoding").orElse("");
        Body result = body;
        if (!coding.isEmpty() && body.size() > 0) {
            Optional<Body> decoded = BodyDecoder.decode(body, coding, bodyCap);
            if (decoded.isPresent()) {
                result = decoded.get();
            } else {
                flags.add(CaptureFlag.UNDECODED_BODY);
            }
        }
        if (result.truncated()) {
            flags.add(truncatedFlag);
        }
        return result;
    }

    private static Direction opposite(Direction direction) {
        return direction == Direction.EGRESS ? Direction.INGRESS : Direction.EGRESS;
    }

    private static boolean startsWith(byte[] bytes, int from, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static final class Stream {
        long next;
    }

    private static final class Exchange {
        final String method;
        HttpMessage request;
        HttpMessage response;

        Exchange(String method) {
            this.method = method;
        }

        boolean gapFlag() {
            return (request != null && request.gap()) || (response != null && response.gap());
        }
    }
}
