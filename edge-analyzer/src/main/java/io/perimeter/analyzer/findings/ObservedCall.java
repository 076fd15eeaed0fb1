package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.pipeline.CallProfile;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import io.perimeter.sensor.call.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One call as the rules see it: the call, the analyzer's profile of it (where which data classes were), the caller's
 * pseudonym, and views parsed from the raw call on first use (decoded query parameters, request body fields, the
 * bearer JWT, the response text). Values live only here, in memory, for the duration of one call; rules turn them into
 * names, classes and numbers. Not thread-safe: one instance per call and thread.
 */
final class ObservedCall {
    /** Characters of a body that rules read at most. */
    static final int MAX_BODY_CHARS = 65_536;
    private static final byte[] EMPTY = new byte[0];

    /** Classes that identify or describe a person (not credentials, not addresses of machines). */
    static final Set<DataClass> PERSONAL = EnumSet.of(DataClass.EMAIL, DataClass.PHONE, DataClass.CARD_NUMBER,
            DataClass.IBAN, DataClass.US_SSN, DataClass.PERSON_NAME, DataClass.POSTAL_ADDRESS, DataClass.DATE_OF_BIRTH);
    /** Classes that are credentials. */
    static final Set<DataClass> CREDENTIALS = EnumSet.of(DataClass.PASSWORD, DataClass.SECRET, DataClass.JWT);


    private final ApiCall call;
    private final CallProfile profile;
    private final Optional<String> principal;
    private final String method;
    private final String path;
    private final String rawQuery;
    private final int status;

    private List<Parameter> query;
    private List<BodyField> requestFields;
    private String requestText;
    private String responseText;
    private byte[] responseBytes;
    private Optional<Jwt> jwt;

    /** A query or form parameter, name and value percent-decoded once. */
    record Parameter(String name, String value) {}

    /**
     * A leaf of a request body: its path ({@code user.roles}, {@code items[].url}; the form parameter name), with keys
     * that look like values already replaced by {@code {key}}, and, for strings, the value ({@code null} for numbers,
     * booleans and null).
     */
    record BodyField(String path, String value) {}

    /** A template parameter and the decoded path segment behind it. */
    record PathValue(int position, String name, String value) {}

    private List<ObjectIds.Id> objectIds;
    private Pseudonymizer objectIdsKey;

    ObservedCall(ApiCall call, CallProfile profile, Optional<String> principal) {
        this.call = call;
        this.profile = profile;
        this.principal = principal;
        this.method = profile.endpoint().method();
        this.status = call.response().map(HttpResponse::status).orElse(-1);
        String target = call.request().target();
        int from = 0;
        if (!target.startsWith("/")) {
            int scheme = target.indexOf("://");
            int slash = scheme < 0 ? -1 : target.indexOf('/', scheme + 3);
            from = slash < 0 ? target.length() : slash;
        }
        int hash = target.indexOf('#', from);
        int end = hash < 0 ? target.length() : hash;
        int q = target.indexOf('?', from);
        if (q >= 0 && q < end) {
            this.path = from == q ? "/" : target.substring(from, q);
            this.rawQuery = target.substring(q + 1, end);
        } else {
            this.path = from == end ? "/" : target.substring(from, end);
            this.rawQuery = "";
        }
    }

    ApiCall call() {
        return call;
    }

    CallProfile profile() {
        return profile;
    }

    EndpointRef endpoint() {
        return profile.endpoint();
    }

    Optional<String> principal() {
        return principal;
    }

    String method() {
        return method;
    }

    Instant at() {
        return call.started();
    }

    /** The request path as sent (still percent-encoded), without query. */
    String path() {
        return path;
    }

    String rawQuery() {
        return rawQuery;
    }

    /** The status code, or -1 without a response. */
    int status() {
        return status;
    }

    boolean succeeded() {
        int status = status();
        return status >= 200 && status < 300;
    }

    Headers requestHeaders() {
        return call.request().headers();
    }

    Headers responseHeaders() {
        return call.response().map(HttpResponse::headers).orElse(Headers.EMPTY);
    }

    /** True for a read: GET or HEAD. */
    boolean isRead() {
        return method.equals("GET") || method.equals("HEAD");
    }

    /** True for a write: POST, PUT or PATCH (a request that carries state). */
    boolean isWrite() {
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    /**
     * True when this host's own process called a remote API (the sensor watched the client side of a local process).
     * HAR files have no process: their calls are treated as calls to the API under review, not as outbound calls.
     */
    boolean outbound() {
        return call.observedSide() == ApiCall.Side.CLIENT
                && (call.process().pid() > 0 || !call.process().name().isEmpty());
    }

    /** True when the server is this machine's loopback (a TLS-terminating proxy in front is likely then). */
    boolean serverIsLoopback() {
        String ip = call.server().ip();
        String host = endpoint().service().host();
        return host.equals("localhost") || isLoopback(ip) || isLoopback(host);
    }

    private static boolean isLoopback(String address) {
        return address.startsWith("127.") || address.equals("::1") || address.equals("[::1]")
                || address.equals("0:0:0:0:0:0:0:1");
    }

    /** Every data class the analyzer found in the given profile places ({@code RESPONSE_BODY}, ...). */
    Set<DataClass> classesIn(String... where) {
        return profile.classesIn(where);
    }

    /** The profile's sightings at one place. */
    List<CallProfile.Sighting> sightings(String where) {
        List<CallProfile.Sighting> at = new ArrayList<>();
        for (CallProfile.Sighting s : profile.sightings()) {
            if (s.where().equals(where)) {
                at.add(s);
            }
        }
        return at;
    }

    // --- request -----------------------------------------------------------------------------------

    /** Query parameters, decoded once (at most {@value MessageFields#MAX_PARAMETERS}). */
    List<Parameter> query() {
        if (query == null) {
            query = MessageFields.parameters(rawQuery);
        }
        return query;
    }

    /**
     * The object ids of the path with their pseudonyms ({@link ObjectIds#of}), made once per call: two rules count
     * them, and a keyed pseudonym is the dearest thing about them.
     */
    List<ObjectIds.Id> objectIds(Pseudonymizer pseudonyms) {
        if (objectIds == null || objectIdsKey != pseudonyms) {
            objectIds = ObjectIds.of(this, pseudonyms);
            objectIdsKey = pseudonyms;
        }
        return objectIds;
    }

    /** The value behind each template parameter, decoded (empty when template and path do not line up). */
    List<PathValue> pathValues() {
        String template = endpoint().template();
        if (template.indexOf('{') < 0) {
            return List.of();
        }
        String[] templateSegments = template.split("/", -1);
        String[] segments = path.split("/", -1);
        if (templateSegments.length != segments.length) {
            return List.of();
        }
        List<PathValue> values = new ArrayList<>(2);
        for (int i = 0; i < segments.length; i++) {
            String t = templateSegments[i];
            if (t.length() > 2 && t.charAt(0) == '{' && t.charAt(t.length() - 1) == '}') {
                values.add(new PathValue(i, t.substring(1, t.length() - 1), MessageFields.decodePathSegment(segments[i])));
            }
        }
        return values;
    }

    /** The request's media type, lower case without parameters ("" when missing). */
    String requestContentType() {
        return mediaType(requestHeaders());
    }

    String responseContentType() {
        return mediaType(responseHeaders());
    }

    /** The request body as text (first {@value #MAX_BODY_CHARS} characters), "" without one. */
    String requestText() {
        if (requestText == null) {
            requestText = text(call.request().body());
        }
        return requestText;
    }

    /** True when the request body is JSON (by media type, or by its first character when the type is missing). */
    boolean requestIsJson() {
        String type = requestContentType();
        if (type.isEmpty()) {
            String text = requestText().stripLeading();
            return text.startsWith("{") || text.startsWith("[");
        }
        return type.equals("application/json") || type.endsWith("+json") || type.endsWith("/json");
    }

    boolean requestIsForm() {
        return requestContentType().equals("application/x-www-form-urlencoded");
    }

    /** The leaves of a JSON or form request body (at most {@value MessageFields#MAX_FIELDS}); empty for other bodies. */
    List<BodyField> requestFields() {
        if (requestFields == null) {
            if (requestIsJson()) {
                requestFields = MessageFields.jsonFields(requestText());
            } else if (requestIsForm()) {
                requestFields = MessageFields.parameters(requestText()).stream()
                        .map(p -> new BodyField(EvidenceNames.parameterName(p.name()), p.value())).toList();
            } else {
                requestFields = List.of();
            }
        }
        return requestFields;
    }

    /** The bearer JWT of the {@code Authorization} header, decoded without checking its signature. */
    Optional<Jwt> bearerJwt() {
        if (jwt == null) {
            jwt = requestHeaders().first("Authorization").flatMap(value -> {
                String v = value.strip();
                return v.regionMatches(true, 0, "Bearer ", 0, 7) ? Jwt.decode(v.substring(7).strip()) : Optional.empty();
            });
        }
        return jwt;
    }

    /**
     * True when the request carries any credential: a principal was recognised, an {@code Authorization} header, an
     * API-key or token header, a session or token cookie, or a credential-named query parameter.
     */
    boolean carriesCredential() {
        if (principal.isPresent()) {
            return true;
        }
        for (Header header : requestHeaders().fields()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (header.value().isBlank()) {
                continue;
            }
            if (name.equals("authorization") || name.equals("proxy-authorization")) {
                return true;
            }
            if (name.equals("cookie")) {
                for (String pair : header.value().split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0 && isCredentialName(pair.substring(0, eq).strip().toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            } else if (isCredentialName(name)) {
                return true;
            }
        }
        for (Parameter p : query()) {
            if (!p.value().isEmpty() && CredentialNames.isQueryCredential(p.name())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isCredentialName(String lower) {
        if (lower.contains("csrf") || lower.contains("xsrf")) {
            return false;
        }
        return lower.contains("api-key") || lower.contains("apikey") || lower.contains("api_key") || lower.contains("token")
                || lower.contains("sess") || lower.contains("auth") || lower.equals("sid") || lower.contains("jwt");
    }

    // --- response ----------------------------------------------------------------------------------

    /** The response body as text (first {@value #MAX_BODY_CHARS} characters), "" without one. */
    String responseText() {
        if (responseText == null) {
            byte[] bytes = responseBytes();
            responseText = bytes.length == 0 ? "" : text(bytes);
        }
        return responseText;
    }

    /**
     * The response body's bytes ({@link #responseText} decodes the first {@value #MAX_BODY_CHARS} × 2 of them), empty
     * without one: for a rule that can rule a body out before decoding it.
     */
    byte[] responseBytes() {
        if (responseBytes == null) {
            responseBytes = call.response().map(r -> r.body().size() == 0 ? EMPTY : r.body().bytes()).orElse(EMPTY);
        }
        return responseBytes;
    }

    // --- helpers -----------------------------------------------------------------------------------

    static String mediaType(Headers headers) {
        String value = headers.first("Content-Type").orElse("");
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static String text(Body body) {
        return body.size() == 0 ? "" : text(body.bytes());
    }

    private static String text(byte[] bytes) {
        int length = Math.min(bytes.length, MAX_BODY_CHARS * 2);
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        return text.length() > MAX_BODY_CHARS ? text.substring(0, MAX_BODY_CHARS) : text;
    }
}
