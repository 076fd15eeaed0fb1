package io.perimeter.analyzer.pipeline;

import io.perimeter.analyzer.classification.Classifier;
import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.classification.FieldContext;
import io.perimeter.analyzer.discovery.EndpointRef;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.InventoryBuilder;
import io.perimeter.analyzer.discovery.InventorySettings;
import io.perimeter.analyzer.discovery.NamedPart;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;

/**
 * The analyzer's per-call work: discovery (service, endpoint template, schemas) and classification of every value
 * — body fields and query parameters during the one schema walk, then headers, cookies and path parameters — so the
 * inventory holds where each data class occurs, never a value.
 *
 * <p>Thread-safe: calls may be analyzed from several threads.
 */
public final class Analyzer {
    /**
     * Headers that describe the message, not its data: not worth classifying on every call. Looked up ignoring case,
     * without lower-casing each header name of each call.
     */
    private static final HeaderNames STRUCTURAL_HEADERS = new HeaderNames("host", "content-length", "content-type",
            "connection", "accept", "accept-encoding", "accept-language", "date", "cache-control", "transfer-encoding",
            "content-encoding", "vary", "etag", "last-modified", "server", "keep-alive", "expect", "upgrade",
            "cookie", "set-cookie", "pragma", "age", "expires");

    private final Classifier classifier;
    private final InventoryBuilder inventory;

    public Analyzer(Classifier classifier, InventorySettings settings, Clock clock) {
        this.classifier = classifier;
        this.inventory = new InventoryBuilder(settings, clock, (part, field, fullPath, value) -> {
            Set<DataClass> classes = classifier.classify(field, value);
            if (!classes.isEmpty()) {
                CURRENT.get().add(part.name(), field.fieldPath(), fullPath.get(), classes);
            }
            return classes;
        });
    }

    /** The profile of the call being analyzed on this thread: filled by the schema walk's inspector. */
    private static final ThreadLocal<CallProfile.Builder> CURRENT = ThreadLocal.withInitial(CallProfile.Builder::new);

    /**
     * Analyzes one call: updates the inventory and returns where data classes were found in it (for the findings
     * rules; the profile holds field names and classes, never values).
     */
    public CallProfile analyze(ApiCall call) {
        CallProfile.Builder profile = CURRENT.get();
        profile.clear();
        EndpointRef endpoint = inventory.observe(call);
        profile.endpoint(endpoint);
        headers(endpoint, call.request().headers(), "REQUEST_HEADER", profile);
        call.response().ifPresent(response -> headers(endpoint, response.headers(), "RESPONSE_HEADER", profile));
        for (String cookies : call.request().headers().all("Cookie")) {
            cookies(endpoint, cookies, profile);
        }
        pathParameters(endpoint, call.request().target(), profile);
        return profile.build();
    }

    /** An immutable copy of what was learned so far. */
    public Inventory snapshot() {
        return inventory.snapshot();
    }

    private void headers(EndpointRef endpoint, Headers headers, String where, CallProfile.Builder profile) {
        for (Header header : headers.fields()) {
            if (!STRUCTURAL_HEADERS.contains(header.name())) {
                Set<DataClass> classes = classifier.classify(FieldContext.header(header.name()), header.value());
                record(endpoint, NamedPart.HEADER, header.name(), classes);
                profile.add(where, header.name(), header.name(), classes);
            }
        }
    }

    private void cookies(EndpointRef endpoint, String cookieHeader, CallProfile.Builder profile) {
        for (String pair : cookieHeader.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                String name = pair.substring(0, eq).strip();
                String value = pair.substring(eq + 1).strip();
                Set<DataClass> classes = classifier.classify(FieldContext.cookie(name), value);
                record(endpoint, NamedPart.COOKIE, name, classes);
                profile.add("REQUEST_COOKIE", name, name, classes);
            }
        }
    }

    /**
     * Classifies the raw values behind the template's parameters ({@code /users/{email}} holds e-mails). Walks the
     * template's and the path's segments side by side, without splitting either: only parameter values are copied.
     */
    private void pathParameters(EndpointRef endpoint, String target, CallProfile.Builder profile) {
        String template = endpoint.template();
        if (template.indexOf('{') < 0) {
            return;
        }
        int query = target.indexOf('?');
        int pathEnd = query < 0 ? target.length() : query;
        if (count(template, 0, template.length()) != count(target, 0, pathEnd)) {
            return;
        }
        int t = 0;
        int p = 0;
        while (t <= template.length() && p <= pathEnd) {
            int tEnd = template.indexOf('/', t);
            tEnd = tEnd < 0 ? template.length() : tEnd;
            int pEnd = target.indexOf('/', p);
            pEnd = pEnd < 0 || pEnd > pathEnd ? pathEnd : pEnd;
            if (tEnd - t > 2 && template.charAt(t) == '{' && template.charAt(tEnd - 1) == '}') {
                String value = decode(target.substring(p, pEnd));
                String name = template.substring(t + 1, tEnd - 1);
                Set<DataClass> classes = classifier.classify(FieldContext.pathSegment(), value);
                record(endpoint, NamedPart.PATH, name, classes);
                profile.add("PATH", name, name, classes);
            }
            t = tEnd + 1;
            p = pEnd + 1;
        }
    }

    /** The slashes in {@code s} between {@code from} and {@code to}. */
    private static int count(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '/') {
                n++;
            }
        }
        return n;
    }

    private void record(EndpointRef endpoint, NamedPart part, String name, Set<DataClass> classes) {
        if (!classes.isEmpty()) {
            inventory.recordNamedDataClasses(endpoint, part, name, classes);
        }
    }

    private static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }
}
