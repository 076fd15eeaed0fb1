package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.HttpRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the API inventory from observed calls: services, their endpoints (method + path template) and,
 * per endpoint, query parameters, request and response schemas per content type, status codes, a
 * latency histogram, auth schemes and first/last seen.
 *
 * <p><b>What it keeps.</b> Only metadata: a call's raw path goes through the service's
 * {@link PathTemplater}, its query and bodies through {@link SchemaInferrer} (names and types), its
 * headers through {@link AuthSchemeDetector} (scheme and header/cookie names); client addresses are
 * never read. The service key is the server's host (from {@code Host}, else the absolute target, else
 * the server address), port and, when the sensor watched the server, process name. Raw values live only
 * in memory: a merged parameter's tracked split candidates ({@link HeavyValues}), never in a snapshot,
 * and words that cardinality has not (yet) shown to be values, which are literal template segments.
 *
 * <p><b>Templates that change.</b> When a service's templater merges or splits, the endpoints already
 * stored are re-keyed with {@link PathTemplater#templateOf(String)} and merged where two became one, so a
 * snapshot never holds both {@code /products/red-shoe} and {@code /products/{param}}. A value split out
 * of a parameter starts a new endpoint; its earlier calls stay with the parameter.
 *
 * <p><b>Bounds.</b> See {@link InventorySettings}: services, endpoints per service, content types and
 * credential names per endpoint, plus the templater's and the schemas' own caps.
 *
 * <p>Thread-safe: calls of different services proceed in parallel; calls of one service are serialised
 * on that service's lock (templating, then recording). {@link #snapshot()} locks one service at a time,
 * so it is consistent per service, not across services.
 */
public final class InventoryBuilder {

    private static final Comparator<Endpoint> ENDPOINT_ORDER =
            Comparator.comparing(Endpoint::template).thenComparing(Endpoint::method);

    private final InventorySettings settings;
    private final SchemaInferrer inferrer;
    private final Clock clock;
    private final ConcurrentHashMap<ServiceKey, ServiceState> services = new ConcurrentHashMap<>();
    private final MemoryBudget nodeBudget;
    private final MemoryBudget fieldBudget;
    private final MemoryBudget endpointBudget;

    /** A builder with {@link InventorySettings#defaults()}. */
    public InventoryBuilder() {
        this(InventorySettings.defaults(), Clock.systemUTC());
    }

    public InventoryBuilder(InventorySettings settings, Clock clock) {
        this(settings, clock, ValueInspector.NONE);
    }

    /** A builder whose schema walks also show every value to {@code inspector} (classification). */
    public InventoryBuilder(InventorySettings settings, Clock clock, ValueInspector inspector) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.inferrer = new SchemaInferrer(settings.schemaLimits(), inspector);
        this.nodeBudget = new MemoryBudget(settings.maxTemplateNodes());
        this.fieldBudget = new MemoryBudget(settings.maxSchemaFields());
        this.endpointBudget = new MemoryBudget(settings.maxEndpoints());
    }

    /**
     * Adds one call to the inventory and returns the endpoint it was attributed to (with
     * {@code template} {@code "*"} when the service's endpoint cap was reached).
     */
    public EndpointRef observe(ApiCall call) {
        HttpRequest request = call.request();
        String target = request.target();
        Target t = Target.parse(target);
        ServiceKey key = serviceKey(call, t);
        ServiceState state = services.get(key);
        if (state == null) {
            if (services.size() >= settings.maxServices()) {
                key = ServiceKey.OVERFLOW;
            }
            state = services.computeIfAbsent(key, k -> new ServiceState(k, settings, nodeBudget, fieldBudget, endpointBudget));
        }
        String method = method(request.method());
        List<AuthEvidence> auth = AuthSchemeDetector.detect(request.headers(), target, t.queryFrom, t.queryTo);
        synchronized (state) {
            return state.observe(call, method, target, t, auth, inferrer);
        }
    }

    /**
     * Records data classes that classification found in a field of the endpoint's query, request or
     * response schemas ({@code fieldPath} in the classifier's notation, see {@code FieldContext}). Returns
     * false when the endpoint or the field is unknown.
     *
     * @see io.perimeter.analyzer.classification.FieldContext
     */
    public boolean recordDataClasses(EndpointRef endpoint, MessagePart part, String fieldPath, Set<DataClass> classes) {
        ServiceState state = services.get(endpoint.service());
        if (state == null) {
            return false;
        }
        synchronized (state) {
            EndpointStats stats = state.find(endpoint.method(), endpoint.template());
            return stats != null && stats.recordDataClasses(part, fieldPath, classes);
        }
    }

    /**
     * Records data classes that classification found in a header, cookie or path parameter of the endpoint.
     * Returns false when the endpoint is unknown.
     */
    public boolean recordNamedDataClasses(EndpointRef endpoint, NamedPart part, String name, Set<DataClass> classes) {
        ServiceState state = services.get(endpoint.service());
        if (state == null || classes.isEmpty()) {
            return false;
        }
        synchronized (state) {
            EndpointStats stats = state.find(endpoint.method(), endpoint.template());
            if (stats == null) {
                return false;
            }
            stats.recordNamedClasses(part, name, classes);
            return true;
        }
    }

    /** The current template of {@code target}'s path in {@code service}, without learning from it. */
    public Optional<String> templateOf(ServiceKey service, String target) {
        ServiceState state = services.get(service);
        if (state == null) {
            return Optional.empty();
        }
        Target t = Target.parse(target);
        synchronized (state) {
            return Optional.of(state.templater.templateOf(target.substring(t.pathFrom, t.pathTo)));
        }
    }

    /** Trie nodes in use across all services. */
    long templateNodesInUse() {
        return nodeBudget.used();
    }

    /** Endpoints kept across all services. */
    long endpointsInUse() {
        return endpointBudget.used();
    }

    /** Schema fields in use across all services. */
    long schemaFieldsInUse() {
        return fieldBudget.used();
    }

    /** An immutable copy of the inventory, services sorted by key, endpoints by template and method. */
    public Inventory snapshot() {
        List<ServiceState> states = new ArrayList<>(services.values());
        states.sort(Comparator.comparing(s -> s.key));
        List<Service> out = new ArrayList<>(states.size());
        for (ServiceState state : states) {
            synchronized (state) {
                out.add(state.snapshot());
            }
        }
        return new Inventory(clock.instant(), out);
    }

    // --- service identity -----------------------------------------------------------------------

    private static ServiceKey serviceKey(ApiCall call, Target t) {
        String hostHeader = MediaTypes.header(call.request().headers(), "Host");
        if (hostHeader == null) {
            hostHeader = MediaTypes.header(call.request().headers(), ":authority");
        }
        if (hostHeader == null) {
            hostHeader = t.authority;
        }
        String host = null;
        int port = call.server().port();
        if (hostHeader != null) {
            int[] hostPort = new int[1];
            host = hostName(hostHeader, hostPort);
            if (port == 0 && hostPort[0] > 0) {
                port = hostPort[0];
            }
        }
        if (host == null) {
            host = call.server().ip().isEmpty() ? "unknown" : call.server().ip().toLowerCase(Locale.ROOT);
        }
        if (port == 0) {
            port = call.tls() ? 443 : 80;
        }
        String process = call.observedSide() == ApiCall.Side.SERVER ? processName(call.process().name()) : "";
        return new ServiceKey(host, port, process);
    }

    /** The host of a {@code Host} value, lower case, or null when it is not a host name or address. */
    static String hostName(String value, int[] portOut) {
        String v = value.trim();
        String host;
        String port = null;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                return null;
            }
            host = v.substring(1, close);
            if (close + 1 < v.length()) {
                if (v.charAt(close + 1) != ':') {
                    return null;
                }
                port = v.substring(close + 2);
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' || c == ':' || c == '.')) {
                    return null;
                }
            }
        } else {
            int colon = v.indexOf(':');
            host = colon < 0 ? v : v.substring(0, colon);
            port = colon < 0 ? null : v.substring(colon + 1);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            if (host.isEmpty() || host.length() > 253) {
                return null;
            }
            for (int i = 0; i < host.length(); i++) {
                char c = host.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.'
                        || c == '_')) {
                    return null; // user info, spaces, anything a host name cannot hold
                }
            }
        }
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !SegmentShapes.isAllDigits(port, 0, port.length())) {
                return null;
            }
            int p = Integer.parseInt(port);
            if (p > 65_535) {
                return null;
            }
            portOut[0] = p;
        }
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static String processName(String name) {
        if (name.length() > 64) {
            return "";
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < ' ' || name.charAt(i) > '~') {
                return "";
            }
        }
        return name;
    }

    /** The method upper case when it fits the contract's method name ({@code [A-Z][A-Z-]{0,15}}), else {@code OTHER}. */
    static String method(String method) {
        return switch (method) {
            case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "CONNECT" -> method;
            default -> {
                if (method.isEmpty() || method.length() > 16) {
                    yield "OTHER";
                }
                for (int i = 0; i < method.length(); i++) {
                    char c = method.charAt(i);
                    if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c == '-')) {
                        yield "OTHER";
                    }
                }
                yield method.toUpperCase(Locale.ROOT);
            }
        };
    }

    /** Where the path and query are in a request target; the authority of an absolute-form target. */
    record Target(int pathFrom, int pathTo, int queryFrom, int queryTo, String authority) {

        static Target parse(String target) {
            int len = target.length();
            int end = target.indexOf('#');
            if (end < 0) {
                end = len;
            }
            int pathFrom = 0;
            String authority = null;
            if (!target.startsWith("/")) {
                int scheme = target.indexOf("://");
                if (scheme > 0 && scheme < 10) {
                    int authFrom = scheme + 3;
                    int slash = authFrom;
                    while (slash < end && target.charAt(slash) != '/' && target.charAt(slash) != '?') {
                        slash++;
                    }
                    authority = target.substring(authFrom, slash);
                    pathFrom = slash;
                } else {
                    // asterisk form (OPTIONS *) or authority form (CONNECT host:port): no path
                    return new Target(0, 0, 0, 0, null);
                }
            }
            int q = target.indexOf('?', pathFrom);
            if (q < 0 || q > end) {
                return new Target(pathFrom, end, end, end, authority);
            }
            return new Target(pathFrom, q, q + 1, end, authority);
        }
    }

    // --- per service ----------------------------------------------------------------------------

    private record EndpointKey(String method, String template) {}

    /** One service's mutable state, guarded by its own monitor. */
    private static final class ServiceState {
        final ServiceKey key;
        final InventorySettings settings;
        final MemoryBudget fields;
        final MemoryBudget endpointBudget;
        final PathTemplater templater;
        long generation;
        LinkedHashMap<EndpointKey, EndpointStats> endpoints = new LinkedHashMap<>();
        boolean tlsSeen;
        boolean plaintextSeen;
        long calls;
        final SeenWindow seen = new SeenWindow();
        final LinkedHashSet<String> clientProcesses = new LinkedHashSet<>();
        long unattributed;

        ServiceState(ServiceKey key, InventorySettings settings, MemoryBudget nodes, MemoryBudget fields,
                MemoryBudget endpointBudget) {
            this.key = key;
            this.settings = settings;
            this.fields = fields;
            this.endpointBudget = endpointBudget;
            this.templater = new PathTemplater(settings.templater(), nodes);
        }

        EndpointRef observe(ApiCall call, String method, String target, Target t, List<AuthEvidence> auth,
                SchemaInferrer inferrer) {
            calls++;
            seen.see(call.started());
            if (call.tls()) {
                tlsSeen = true;
            } else {
                plaintextSeen = true;
            }
            if (call.observedSide() == ApiCall.Side.CLIENT && clientProcesses.size() < 16) {
                String name = processName(call.process().name());
                if (!name.isEmpty()) {
                    clientProcesses.add(name);
                }
            }
            TemplatedPath path = templater.learn(method, target, t.pathFrom, t.pathTo);
            if (templater.generation() != generation) {
                rekey();
            }
            EndpointKey endpointKey = new EndpointKey(method, path.template());
            EndpointStats stats = endpoints.get(endpointKey);
            if (stats == null) {
                if (endpoints.size() >= settings.maxEndpointsPerService() || !endpointBudget.tryTake()) {
                    unattributed++;
                    return new EndpointRef(key, method, "*");
                }
                stats = new EndpointStats(method, path.template(), settings, fields);
                endpoints.put(endpointKey, stats);
            }
            stats.record(call, path.numericSegments(), target, t.queryFrom, t.queryTo, auth, inferrer);
            return new EndpointRef(key, method, path.template());
        }

        /** Re-templates the stored endpoints after a merge or split and merges those that became one. */
        private void rekey() {
            generation = templater.generation();
            LinkedHashMap<EndpointKey, EndpointStats> rekeyed = new LinkedHashMap<>();
            for (Map.Entry<EndpointKey, EndpointStats> e : endpoints.entrySet()) {
                EndpointStats stats = e.getValue();
                String template = templater.templateOf(stats.template);
                EndpointKey k = template.equals(stats.template) ? e.getKey() : new EndpointKey(stats.method, template);
                stats.template = template;
                EndpointStats existing = rekeyed.get(k);
                if (existing == null) {
                    rekeyed.put(k, stats);
                } else {
                    existing.absorb(stats);
                    endpointBudget.release(1);
                }
            }
            endpoints = rekeyed;
        }

        EndpointStats find(String method, String template) {
            if (templater.generation() != generation) {
                rekey();
            }
            EndpointStats stats = endpoints.get(new EndpointKey(method, template));
            return stats != null ? stats : endpoints.get(new EndpointKey(method, templater.templateOf(template)));
        }

        Service snapshot() {
            if (templater.generation() != generation) {
                rekey();
            }
            List<Endpoint> list = new ArrayList<>(endpoints.size());
            for (EndpointStats stats : endpoints.values()) {
                list.add(stats.snapshot());
            }
            list.sort(ENDPOINT_ORDER);
            return new Service(key, tlsSeen, plaintextSeen, calls, seen.first(), seen.last(), clientProcesses, unattributed,
                    templater.stats(), list);
        }
    }
}
