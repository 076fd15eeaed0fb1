package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Body;
import io.perimeter.sensor.call.CaptureFlag;
import io.perimeter.sensor.call.HttpRequest;
import io.perimeter.sensor.call.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an endpoint learned so far (the mutable side of {@link Endpoint}). Not thread-safe: used under
 * its service's lock.
 */
final class EndpointStats {
    private static final AuthScheme[] SCHEMES = AuthScheme.values();
    private static final String OTHER_TYPES = "(other)";

    final String method;
    String template;
    private final InventorySettings settings;
    private final MemoryBudget fields;
    private long calls;
    private final SeenWindow seen = new SeenWindow();
    private long numericSegments = -1L;
    private final StatusCounts statuses = new StatusCounts();
    private long noResponse;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final long[] authCounts = new long[SCHEMES.length];
    private final LinkedHashSet<AuthEvidence> credentials = new LinkedHashSet<>();
    private final ObservedSchema query;
    private final LinkedHashMap<String, long[]> requestTypes = new LinkedHashMap<>();
    private final LinkedHashMap<String, ObservedSchema> requestSchemas = new LinkedHashMap<>();
    private long requestsWithBody;
    private final LinkedHashMap<String, long[]> responseTypes = new LinkedHashMap<>();
    private final LinkedHashMap<Integer, LinkedHashMap<String, ObservedSchema>> responseSchemas = new LinkedHashMap<>();
    private int responseSchemaCount;
    /** Data classes seen in headers, cookies and path parameters, by part and name (bounded like credentials). */
    private final java.util.EnumMap<NamedPart, java.util.TreeMap<String, java.util.EnumSet<DataClass>>> namedClasses =
            new java.util.EnumMap<>(NamedPart.class);

    EndpointStats(String method, String template, InventorySettings settings, MemoryBudget fields) {
        this.method = method;
        this.template = template;
        this.settings = settings;
        this.fields = fields;
        this.query = new ObservedSchema(settings.schemaLimits(), fields);
    }

    void record(ApiCall call, long numeric, String target, int queryFrom, int queryTo, List<AuthEvidence> auth,
            SchemaInferrer inferrer) {
        calls++;
        seen.see(call.started());
        numericSegments &= numeric;
        for (AuthEvidence evidence : auth) {
            authCounts[evidence.scheme().ordinal()]++;
            if (credentials.size() < settings.maxCredentialNamesPerEndpoint() && evidence.scheme() != AuthScheme.NONE) {
                credentials.add(evidence);
            }
        }
        inferrer.inferQuery(target, queryFrom, queryTo, query);

        boolean undecoded = call.flags().contains(CaptureFlag.UNDECODED_BODY);
        HttpRequest request = call.request();
        if (request.body().size() > 0) {
            requestsWithBody++;
            String type = MediaTypes.normalise(MediaTypes.header(request.headers(), "Content-Type"));
            count(requestTypes, type);
            ObservedSchema schema = requestSchemas.get(type);
            if (schema == null && requestSchemas.size() < settings.maxContentTypesPerEndpoint()) {
                schema = new ObservedSchema(settings.schemaLimits(), fields);
                requestSchemas.put(type, schema);
            }
            if (schema != null) {
                feed(inferrer, schema, request.body(), type,
                        call.flags().contains(CaptureFlag.REQUEST_BODY_TRUNCATED), undecoded, MessagePart.REQUEST_BODY);
            }
        }
        if (call.response().isEmpty()) {
            noResponse++;
            return;
        }
        HttpResponse response = call.response().get();
        statuses.add(response.status(), 1);
        if (!call.flags().contains(CaptureFlag.NO_RESPONSE)) {
            latency.record(call.duration());
        }
        if (response.body().size() > 0) {
            String type = MediaTypes.normalise(MediaTypes.header(response.headers(), "Content-Type"));
            count(responseTypes, type);
            int status = response.status() >= 100 && response.status() <= 599 ? response.status() : 0;
            ObservedSchema schema = responseSchema(status, type);
            if (schema != null) {
                feed(inferrer, schema, response.body(), type,
                        call.flags().contains(CaptureFlag.RESPONSE_BODY_TRUNCATED), undecoded, MessagePart.RESPONSE_BODY);
            }
        }
    }

    private ObservedSchema responseSchema(int status, String type) {
        LinkedHashMap<String, ObservedSchema> byType = responseSchemas.get(status);
        ObservedSchema schema = byType == null ? null : byType.get(type);
        if (schema == null && responseSchemaCount < 2 * settings.maxContentTypesPerEndpoint()) {
            schema = new ObservedSchema(settings.schemaLimits(), fields);
            responseSchemas.computeIfAbsent(status, s -> new LinkedHashMap<>()).put(type, schema);
            responseSchemaCount++;
        }
        return schema;
    }

    private static void feed(SchemaInferrer inferrer, ObservedSchema schema, Body body, String type, boolean truncated,
            boolean undecoded, MessagePart part) {
        if (undecoded) {
            inferrer.countUndecoded(schema);
            return;
        }
        boolean cut = truncated || body.truncated();
        if (MediaTypes.isJson(type)) {
            inferrer.inferJson(body.bytes(), cut, schema, part);
        } else if (MediaTypes.isForm(type)) {
            inferrer.inferForm(body.bytes(), cut, schema, part);
        } else if (type.equals(MediaTypes.ANY)) {
            byte[] bytes = body.bytes();
            if (MediaTypes.looksLikeJson(bytes)) {
                inferrer.inferJson(bytes, cut, schema, part);
            } else {
                inferrer.countOpaque(schema);
            }
        } else {
            inferrer.countOpaque(schema);
        }
    }

    private void count(LinkedHashMap<String, long[]> types, String type) {
        count(types, type, 1);
    }

    private void count(LinkedHashMap<String, long[]> types, String type, long add) {
        long[] n = types.get(type);
        if (n == null) {
            if (types.size() >= 2 * settings.maxContentTypesPerEndpoint()) {
                type = OTHER_TYPES;
                n = types.get(type);
            }
            if (n == null) {
                n = new long[1];
                types.put(type, n);
            }
        }
        n[0] += add;
    }

    /** Adds everything {@code other} learned (the two templates became one). */
    void absorb(EndpointStats other) {
        calls += other.calls;
        seen.absorb(other.seen);
        numericSegments &= other.numericSegments;
        statuses.absorb(other.statuses);
        noResponse += other.noResponse;
        latency.absorb(other.latency);
        for (int i = 0; i < authCounts.length; i++) {
            authCounts[i] += other.authCounts[i];
        }
        for (AuthEvidence e : other.credentials) {
            if (credentials.size() < settings.maxCredentialNamesPerEndpoint()) {
                credentials.add(e);
            }
        }
        query.absorb(other.query);
        other.namedClasses.forEach((part, byName) -> byName.forEach((name, classes) -> recordNamedClasses(part, name, classes)));
        other.requestTypes.forEach((t, n) -> count(requestTypes, t, n[0]));
        other.requestSchemas.forEach((t, s) -> {
            ObservedSchema mine = requestSchemas.get(t);
            if (mine != null) {
                mine.absorb(s);
            } else if (requestSchemas.size() < settings.maxContentTypesPerEndpoint()) {
                requestSchemas.put(t, s);
            } else {
                s.release();
            }
        });
        requestsWithBody += other.requestsWithBody;
        other.responseTypes.forEach((t, n) -> count(responseTypes, t, n[0]));
        other.responseSchemas.forEach((status, byType) -> byType.forEach((t, s) -> {
            LinkedHashMap<String, ObservedSchema> mineByType = responseSchemas.get(status);
            ObservedSchema mine = mineByType == null ? null : mineByType.get(t);
            if (mine != null) {
                mine.absorb(s);
            } else if (responseSchemaCount < 2 * settings.maxContentTypesPerEndpoint()) {
                responseSchemas.computeIfAbsent(status, k -> new LinkedHashMap<>()).put(t, s);
                responseSchemaCount++;
            } else {
                s.release();
            }
        }));
    }

    /** Applies data classes to the matching field of every schema of {@code part}; true if any matched. */
    void recordNamedClasses(NamedPart part, String name, Set<DataClass> classes) {
        var byName = namedClasses.computeIfAbsent(part, p -> new java.util.TreeMap<>());
        var known = byName.get(name);
        if (known == null) {
            if (byName.size() >= settings.maxCredentialNamesPerEndpoint()) {
                return;
            }
            known = java.util.EnumSet.noneOf(DataClass.class);
            byName.put(name, known);
        }
        known.addAll(classes);
    }

    boolean recordDataClasses(MessagePart part, String fieldPath, Set<DataClass> classes) {
        boolean any = false;
        switch (part) {
            case QUERY -> any = query.recordDataClasses(fieldPath, classes);
            case REQUEST_BODY -> {
                for (ObservedSchema s : requestSchemas.values()) {
                    any |= s.recordDataClasses(fieldPath, classes);
                }
            }
            case RESPONSE_BODY -> {
                for (Map<String, ObservedSchema> byType : responseSchemas.values()) {
                    for (ObservedSchema s : byType.values()) {
                        any |= s.recordDataClasses(fieldPath, classes);
                    }
                }
            }
        }
        return any;
    }

    Endpoint snapshot() {
        Map<AuthScheme, Long> auth = new EnumMap<>(AuthScheme.class);
        for (AuthScheme s : SCHEMES) {
            if (authCounts[s.ordinal()] > 0) {
                auth.put(s, authCounts[s.ordinal()]);
            }
        }
        Map<String, Schema> requests = new TreeMap<>();
        requestSchemas.forEach((t, s) -> requests.put(t, s.snapshot()));
        Map<Integer, Map<String, Schema>> responses = new TreeMap<>();
        responseSchemas.forEach((status, byType) -> {
            Map<String, Schema> m = new TreeMap<>();
            byType.forEach((t, s) -> m.put(t, s.snapshot()));
            responses.put(status, Collections.unmodifiableMap(m));
        });
        return new Endpoint(method, template, pathParameters(template, numericSegments), calls, seen.first(), seen.last(),
                statuses.snapshot(), noResponse, latency.snapshot(), Collections.unmodifiableMap(auth),
                new ArrayList<>(credentials), query.snapshot(), counts(requestTypes),
                Collections.unmodifiableMap(requests), requestsWithBody, counts(responseTypes),
                Collections.unmodifiableMap(responses), namedClasses());
    }

    private Map<NamedPart, Map<String, Set<DataClass>>> namedClasses() {
        Map<NamedPart, Map<String, Set<DataClass>>> out = new java.util.EnumMap<>(NamedPart.class);
        namedClasses.forEach((part, byName) -> {
            Map<String, Set<DataClass>> copy = new TreeMap<>();
            byName.forEach((name, classes) -> copy.put(name, Collections.unmodifiableSet(java.util.EnumSet.copyOf(classes))));
            out.put(part, Collections.unmodifiableMap(copy));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Long> counts(Map<String, long[]> types) {
        Map<String, Long> out = new TreeMap<>();
        types.forEach((t, n) -> out.put(t, n[0]));
        return Collections.unmodifiableMap(out);
    }

    static List<PathParameter> pathParameters(String template, long numericSegments) {
        List<PathParameter> out = new ArrayList<>();
        int position = 0;
        int i = 0;
        int len = template.length();
        while (i < len) {
            if (template.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = template.indexOf('/', i);
            if (end < 0) {
                end = len;
            }
            SegmentKind kind = SegmentKind.ofPlaceholder(template, i, end);
            if (kind != null) {
                boolean numeric = kind == SegmentKind.ID && position < 64 && (numericSegments & (1L << position)) != 0;
                out.add(new PathParameter(position, kind.parameterName(), kind, numeric));
            }
            position++;
            i = end;
        }
        return out;
    }
}
