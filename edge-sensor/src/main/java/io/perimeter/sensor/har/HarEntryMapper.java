package io.perimeter.sensor.har;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.HttpResponse;
import io.perimeter.sensor.call.NetAddress;
import io.perimeter.sensor.call.ProcessInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps one HAR entry to an {@link ApiCall}. HAR has no process or client address: those stay unknown. */
final class HarEntryMapper {
    private final int bodyCap;

    HarEntryMapper(int bodyCap) {
        if (bodyCap < 0) {
            throw new IllegalArgumentException("bodyCap must be >= 0");
        }
        this.bodyCap = bodyCap;
    }

    ApiCall toCall(int index, JsonNode entry, String source) {
        String where = source + ": entry " + index;
        JsonNode request = required(entry, "request", where);
        URI url = url(text(required(request, "url", where)), where);
        boolean tls = "https".equalsIgnoreCase(url.getScheme()) || "wss".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        Set<CaptureFlag> flags = EnumSet.noneOf(CaptureFlag.class);

        Headers requestHeaders = withHost(headers(request.path("headers")), url);
        Body requestBody = body(request.path("postData"), CaptureFlag.REQUEST_BODY_TRUNCATED, flags);
        String target = url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        var httpRequest = new HttpRequest(text(required(request, "method", where)), target,
                version(request), requestHeaders, requestBody);

        Optional<HttpResponse> response = Optional.empty();
        JsonNode res = entry.path("response");
        int status = res.path("status").asInt(0);
        if (status > 0) { // browsers write status 0 for requests that never got an answer
            Body responseBody = body(res.path("content"), CaptureFlag.RESPONSE_BODY_TRUNCATED, flags);
            response = Optional.of(new HttpResponse(status, res.path("statusText").asText(""), version(res),
                    headers(res.path("headers")), responseBody));
        } else {
            flags.add(CaptureFlag.NO_RESPONSE);
        }

        String serverIp = entry.path("serverIPAddress").asText("").replaceAll("^\\[|]$", "");
        return new ApiCall(index, started(entry, where), Duration.ofNanos((long) (entry.path("time").asDouble(0) * 1_000_000)),
                NetAddress.UNKNOWN, new NetAddress(serverIp, port), ProcessInfo.UNKNOWN, ApiCall.Side.CLIENT, tls,
                httpRequest, response, flags);
    }

    private Body body(JsonNode content, CaptureFlag truncatedFlag, Set<CaptureFlag> flags) {
        if (!content.hasNonNull("text")) {
            return Body.EMPTY;
        }
        String text = content.get("text").asText();
        byte[] bytes;
        try {
            bytes = "base64".equalsIgnoreCase(content.path("encoding").asText(""))
                    ? Base64.getMimeDecoder().decode(text)
                    : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HarFormatException("a body says it is base64 but is not", e); // the text is not repeated
        }
        if (bytes.length <= bodyCap) {
            return new Body(bytes, bytes.length, false);
        }
        flags.add(truncatedFlag);
        return new Body(Arrays.copyOf(bytes, bodyCap), bytes.length, true);
    }

    private static Headers headers(JsonNode array) {
        List<Header> fields = new ArrayList<>();
        for (JsonNode header : array) {
            String name = header.path("name").asText("");
            // HTTP/2 pseudo-headers (:authority, :path) describe the request line, not header fields.
            if (!name.isEmpty() && !name.startsWith(":")) {
                fields.add(new Header(name, header.path("value").asText("")));
            }
        }
        return new Headers(fields);
    }

    /** HTTP/2 exports carry the host only in the URL; the analyzer needs it as a Host header. */
    private static Headers withHost(Headers headers, URI url) {
        if (headers.first("Host").isPresent() || url.getRawAuthority() == null) {
            return headers;
        }
        List<Header> fields = new ArrayList<>(headers.fields().size() + 1);
        fields.add(new Header("Host", url.getRawAuthority()));
        fields.addAll(headers.fields());
        return new Headers(fields);
    }

    private static String version(JsonNode message) {
        String version = message.path("httpVersion").asText("");
        return version.isEmpty() ? "HTTP/1.1" : version.toUpperCase(java.util.Locale.ROOT);
    }

    private static Instant started(JsonNode entry, String where) {
        String text = entry.path("startedDateTime").asText("");
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new HarFormatException(where + ": startedDateTime is not an ISO 8601 date-time: '" + text + "'", e);
        }
    }

    /**
     * The request's URL. An error never repeats the URL's text, which may carry credentials in its query, since error
     * messages end up in logs: it says where in the text the problem is.
     */
    private static URI url(String text, String where) {
        try {
            URI url = new URI(text);
            if (!url.isAbsolute() || url.getRawAuthority() == null) {
                throw new HarFormatException(where + ": request.url is not an absolute URL (no scheme or host; "
                        + text.length() + " characters)", null);
            }
            return url;
        } catch (URISyntaxException e) {
            throw new HarFormatException(where + ": request.url is not a URL: " + e.getReason() + " at index "
                    + e.getIndex() + " of " + text.length() + " characters", null);
        }
    }

    private static JsonNode required(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new HarFormatException(where + ": missing '" + field + "'", null);
        }
        return value;
    }

    private static String text(JsonNode node) {
        return node.asText();
    }
}
