package io.perimeter.analyzer.edge;

import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.LatencyHistogram;
import io.perimeter.analyzer.discovery.Schema;
import io.perimeter.analyzer.discovery.SchemaCuts;
import io.perimeter.analyzer.discovery.SchemaNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of endpoints as shipped so far, by name: calls, responses by status, latency buckets, content types, and
 * per body (query, each request and response schema) its messages, cuts and how often each field was seen. A window
 * subtracts them from the endpoint's totals ({@link #subtractFrom}).
 *
 * <p>Shapes are not counts and are left as they are: field types, formats, data classes and {@code required}, path
 * parameters, header data classes, and the auth schemes with their credential names (the batch lists which schemes
 * were seen, and a window of an endpoint always lists them all). First and last seen stay the endpoint's.
 *
 * <p>Not thread-safe.
 */
final class EndpointCounts {
    private final Map<String, Long> shipped = new HashMap<>();

    /** Adds the counts of {@code endpoint} (several shipped endpoints add up when discovery merged their templates). */
    void add(Endpoint endpoint) {
        recount(endpoint, (name, total) -> {
            shipped.merge(name, total, Long::sum);
            return total;
        });
    }

    /**
     * {@code endpoint} with the counts added here taken off each of its counts: the window's counts on the endpoint's
     * current shape. A count never goes below zero, should counts have been added for an endpoint that did not take
     * them over.
     */
    Endpoint subtractFrom(Endpoint endpoint) {
        return recount(endpoint, (name, total) -> Math.max(0, total - shipped.getOrDefault(name, 0L)));
    }

    /** What becomes of one count: {@code name} is unique within an endpoint. */
    @FunctionalInterface
    private interface Recount {
        long of(String name, long total);
    }

    private static Endpoint recount(Endpoint e, Recount count) {
        Map<String, Schema> requests = new TreeMap<>();
        e.requestSchemas().forEach((type, schema) -> requests.put(type, schema("request " + type, schema, count)));
        Map<Integer, Map<String, Schema>> responses = new TreeMap<>();
        e.responseSchemas().forEach((status, byType) -> {
            Map<String, Schema> schemas = new TreeMap<>();
            byType.forEach((type, schema) -> schemas.put(type, schema("response " + status + " " + type, schema, count)));
            responses.put(status, schemas);
        });
        return new Endpoint(e.method(), e.template(), e.pathParameters(), count.of("calls", e.calls()), e.firstSeen(),
                e.lastSeen(), counts("status ", e.statusCounts(), count), count.of("no response", e.noResponse()),
                latency(e.latency(), count), e.authSchemes(), e.credentials(), schema("query", e.query(), count),
                counts("request type ", e.requestContentTypes(), count), requests,
                count.of("requests with body", e.requestsWithBody()),
                counts("response type ", e.responseContentTypes(), count), responses, e.namedDataClasses());
    }

    /** The non-zero counts of a map of counts. */
    private static <K> Map<K, Long> counts(String prefix, Map<K, Long> totals, Recount count) {
        Map<K, Long> out = new TreeMap<>();
        totals.forEach((key, total) -> {
            long n = count.of(prefix + key, total);
            if (n > 0) {
                out.put(key, n);
            }
        });
        return out;
    }

    private static LatencyHistogram.Snapshot latency(LatencyHistogram.Snapshot totals, Recount count) {
        List<LatencyHistogram.Bucket> buckets = new ArrayList<>();
        for (LatencyHistogram.Bucket bucket : totals.buckets()) {
            long n = count.of("latency " + bucket.upperBoundMicros(), bucket.count());
            if (n > 0) {
                buckets.add(new LatencyHistogram.Bucket(bucket.upperBoundMicros(), n));
            }
        }
        return new LatencyHistogram.Snapshot(count.of("latency count", totals.count()),
                count.of("latency sum", totals.sumMicros()), buckets);
    }

    /**
     * A schema recounted under {@code body}'s names. Content types hold no space and field paths come last, so no two
     * counts of an endpoint share a name.
     */
    private static Schema schema(String body, Schema schema, Recount count) {
        if (schema == null) {
            return null;
        }
        SchemaCuts c = schema.cuts();
        String cut = body + " cut ";
        SchemaCuts cuts = new SchemaCuts(count.of(cut + "truncated", c.truncatedBodies()),
                count.of(cut + "malformed", c.malformedBodies()), count.of(cut + "undecoded", c.undecodedBodies()),
                count.of(cut + "limit", c.limitAborts()), count.of(cut + "budget", c.budgetAborts()),
                count.of(cut + "depth", c.depthSkips()), count.of(cut + "elements", c.elementsSkipped()),
                count.of(cut + "collapsed", c.objectsCollapsed()), count.of(cut + "fields", c.fieldsDropped()),
                count.of(cut + "params", c.paramsSkipped()));
        return new Schema(count.of(body + " observations", schema.observations()),
                count.of(body + " complete", schema.completeObservations()),
                node(body + " field ", "", body + " root", schema.root(), count), cuts);
    }

    /**
     * A node and its children, each counted under its path as {@link Schema#fields()} writes it; the root has a name of
     * its own ({@code {"": 1}} has a field whose path is empty).
     */
    private static SchemaNode node(String fields, String path, String name, SchemaNode node, Recount count) {
        if (node == null) {
            return null;
        }
        List<SchemaNode> properties = new ArrayList<>(node.properties().size());
        for (SchemaNode child : node.properties()) {
            String childPath = path.isEmpty() ? child.name() : path + "." + child.name();
            properties.add(node(fields, childPath, fields + childPath, child, count));
        }
        return new SchemaNode(node.name(), node.types(), node.format(), node.required(), count.of(name, node.count()),
                node.dataClasses(), properties, node(fields, path + "[]", fields + path + "[]", node.items(), count),
                node.map());
    }
}
