package io.perimeter.analyzer.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.classification.FieldLocation;

/**
 * Feeds message bodies and query strings into {@link ObservedSchema}s: JSON (streaming, with Jackson),
 * {@code application/x-www-form-urlencoded} bodies and query strings (bracket names such as
 * {@code user[address][zip]}, {@code tags[]} and {@code items[0][id]} are nested; a name repeated in one
 * message is an array).
 *
 * <p><b>Bounded work.</b> The JSON parser refuses nesting deeper than
 * {@link SchemaLimits#maxNestingDepth()}, strings longer than {@link SchemaLimits#maxStringLength()}
 * and names longer than {@link SchemaLimits#maxNameLength()}; at most
 * {@link SchemaLimits#maxValuesPerBody()} values are examined per body and
 * {@link SchemaLimits#maxArrayElements()} per array; strings are inspected for a format only up to 64
 * characters. Everything cut is counted in the schema's {@link SchemaCuts}. Parser error messages (which
 * could quote the body) are never kept or logged.
 *
 * <p>Values are read only to decide a type or format and are not kept. Immutable and thread-safe.
 */
public final class SchemaInferrer {

    private static final Budget OVER_BUDGET = new Budget();

    private final SchemaLimits limits;
    private final JsonFactory json;
    private final ValueInspector inspector;

    /** An inferrer with {@link SchemaLimits#defaults()}. */
    public SchemaInferrer() {
        this(SchemaLimits.defaults());
    }

    public SchemaInferrer(SchemaLimits limits) {
        this(limits, ValueInspector.NONE);
    }

    /** An inferrer that also shows every scalar value to {@code inspector} and records the data classes it finds. */
    public SchemaInferrer(SchemaLimits limits, ValueInspector inspector) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.inspector = Objects.requireNonNull(inspector, "inspector");
        this.json = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxNumberLength(1_000)
                        .maxDocumentLength(64L << 20)
                        .build())
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
    }

    /**
     * Learns from one JSON body.
     *
     * @param truncated true when the capture holds only the body's start: a parse error at its end is
     *                  expected and counted as truncation, not as malformed input
     */
    public void inferJson(byte[] body, boolean truncated, ObservedSchema into) {
        inferJson(body, truncated, into, MessagePart.REQUEST_BODY);
    }

    /** Learns from one JSON body of the given part (which the inspector is told). */
    public void inferJson(byte[] body, boolean truncated, ObservedSchema into, MessagePart part) {
        into.observations++;
        Walk walk = new Walk(into, limits.maxValuesPerBody(), part, limits.maxDepth());
        try (JsonParser p = json.createParser(body)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                into.malformedBodies++;
                return;
            }
            value(p, t, into.root(), null, 0, walk);
            into.completeObservations++;
        } catch (Budget e) {
            into.budgetAborts++;
        } catch (StreamConstraintsException e) {
            into.limitAborts++;
        } catch (IOException | RuntimeException e) {
            // JsonParseException (malformed or cut short) and the like; the message is never kept
            if (truncated) {
                into.truncatedBodies++;
            } else {
                into.malformedBodies++;
            }
        }
    }

    /** Learns from one {@code application/x-www-form-urlencoded} body. */
    public void inferForm(byte[] body, boolean truncated, ObservedSchema into) {
        inferForm(body, truncated, into, MessagePart.REQUEST_BODY);
    }

    /** Learns from one form body of the given part. */
    public void inferForm(byte[] body, boolean truncated, ObservedSchema into, MessagePart part) {
        // ISO-8859-1 maps bytes 1:1 to chars; percent escapes are decoded as UTF-8 later.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        pairs(text, 0, truncated ? lastAmpersand(text) : text.length(), into, FieldLocation.FORM, part);
        if (truncated) {
            into.truncatedBodies++;
        } else {
            into.completeObservations++;
        }
    }

    /** Learns from the query string {@code s[from, to)} (without the {@code ?}); an empty range counts too. */
    public void inferQuery(String s, int from, int to, ObservedSchema into) {
        pairs(s, from, to, into, FieldLocation.QUERY, MessagePart.QUERY);
        into.completeObservations++;
    }

    /** Counts a message whose content type has no schema here (XML, binary, multipart, …). */
    public void countOpaque(ObservedSchema into) {
        into.observations++;
    }

    /** Counts a body whose content encoding the sensor could not undo. */
    public void countUndecoded(ObservedSchema into) {
        into.observations++;
        into.undecodedBodies++;
    }

    // --- JSON -----------------------------------------------------------------------------------

    private void value(JsonParser p, JsonToken t, FieldNode node, String parent, int depth, Walk walk) throws IOException {
        if (--walk.budget < 0) {
            throw OVER_BUDGET;
        }
        ObservedSchema into = walk.into;
        walk.path[depth] = node;
        switch (t) {
            case START_OBJECT -> {
                node.type(FieldType.OBJECT);
                if (depth >= limits.maxDepth()) {
                    into.depthSkips++;
                    p.skipChildren();
                    return;
                }
                long stamp = into.nextStamp();
                JsonToken next;
                while ((next = p.nextToken()) == JsonToken.FIELD_NAME) {
                    FieldNode child = into.property(node, p.currentName());
                    JsonToken valueToken = p.nextToken();
                    if (child == null) {
                        p.skipChildren();
                        continue;
                    }
                    child.stamp = stamp;
                    value(p, valueToken, child, node.name, depth + 1, walk);
                }
                if (next != JsonToken.END_OBJECT) {
                    throw new IOException("unexpected token in object");
                }
                into.closeObject(node, stamp);
            }
            case START_ARRAY -> {
                node.type(FieldType.ARRAY);
                if (depth >= limits.maxDepth()) {
                    into.depthSkips++;
                    p.skipChildren();
                    return;
                }
                FieldNode items = into.items(node);
                int n = 0;
                JsonToken next;
                while ((next = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (next == null) {
                        throw new IOException("unexpected end of array");
                    }
                    if (items == null || n >= limits.maxArrayElements()) {
                        into.elementsSkipped++;
                        p.skipChildren();
                        continue;
                    }
                    n++;
                    items.stamp = into.nextStamp();
                    value(p, next, items, node.name, depth + 1, walk);
                }
            }
            case VALUE_STRING -> {
                String text = p.getText();
                node.string(text.length() <= StringFormat.MAX_INSPECTED ? StringFormat.of(text) : null);
                inspect(walk, depth, parent, node, text);
            }
            case VALUE_NUMBER_INT -> {
                node.type(FieldType.INTEGER);
                inspect(walk, depth, parent, node, p.getText()); // card numbers and SSNs sent as numbers
            }
            case VALUE_NUMBER_FLOAT -> node.type(FieldType.NUMBER);
            case VALUE_TRUE, VALUE_FALSE -> node.type(FieldType.BOOLEAN);
            case VALUE_NULL -> node.type(FieldType.NULL);
            default -> throw new IOException("unexpected token");
        }
    }

    private void inspect(Walk walk, int depth, String parent, FieldNode node, String value) {
        if (inspector == ValueInspector.NONE) {
            return;
        }
        walk.depth = depth;
        inspect(walk.part, FieldLocation.JSON_BODY, parent, node, walk, value);
    }

    private void inspect(MessagePart part, FieldLocation location, String parent, FieldNode node,
            Supplier<String> fullPath, String value) {
        Set<DataClass> classes = inspector.inspect(part, node.inspected(location, parent), fullPath, value);
        if (!classes.isEmpty()) {
            node.addDataClasses(classes);
        }
    }

    /**
     * Per-body state: the budget counts down the values still to examine; {@link #path} holds the nodes from the root
     * to the value being read, so that its full path is written out only when an inspector asks for it.
     */
    private static final class Walk implements Supplier<String> {
        final ObservedSchema into;
        final MessagePart part;
        final FieldNode[] path;
        int budget;
        /** The depth of the value shown to the inspector. */
        int depth;

        Walk(ObservedSchema into, int budget, MessagePart part, int maxDepth) {
            this.into = into;
            this.budget = budget;
            this.part = part;
            this.path = new FieldNode[maxDepth + 1];
        }

        /** The full path of the inspected value: {@code cards[].number}, {@code [].id}. */
        @Override
        public String get() {
            StringBuilder out = new StringBuilder(32);
            for (int i = 1; i <= depth; i++) {
                String name = path[i].name;
                if (!FieldNode.ITEMS.equals(name) && !out.isEmpty()) {
                    out.append('.');
                }
                out.append(name);
            }
            return out.toString();
        }
    }

    /** Thrown (preallocated, without a stack trace) when a body's value budget is spent. */
    private static final class Budget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Budget() {
            super(null, null, false, false);
        }
    }

    // --- forms and query strings ----------------------------------------------------------------

    private void pairs(String s, int from, int to, ObservedSchema into, FieldLocation location, MessagePart part) {
        into.observations++;
        long stamp = into.nextStamp();
        FieldNode root = into.root();
        markObject(root, stamp);
        int max = limits.maxParams();
        // first pass: where each parameter starts, so that repeated names can be seen before typing
        int count = 0;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '&') {
                count++;
            }
        }
        int slots = Math.min(count + 1, max);
        int[] starts = new int[slots];
        int[] equals = new int[slots];
        int[] ends = new int[slots];
        int n = 0;
        int start = from;
        for (int i = from; i <= to && n < max; i++) {
            if (i == to || s.charAt(i) == '&') {
                if (i > start) {
                    starts[n] = start;
                    ends[n] = i;
                    equals[n] = indexOf(s, '=', start, i);
                    n++;
                }
                start = i + 1;
            }
        }
        if (count + 1 > max) {
            into.paramsSkipped += count + 1 - max;
        }
        for (int k = 0; k < n; k++) {
            int ps = starts[k];
            int eq = equals[k];
            if (eq == ps) {
                continue; // "=value" without a name
            }
            boolean repeated = false;
            for (int j = 0; j < n && !repeated; j++) {
                repeated = j != k && equals[j] - starts[j] == eq - ps && s.regionMatches(starts[j], s, ps, eq - ps);
            }
            param(s, ps, eq, eq < ends[k] ? eq + 1 : -1, ends[k], repeated, stamp, into, location, part);
        }
        into.closeObservation(root, stamp);
    }

    private void param(String s, int nameFrom, int nameTo, int valueFrom, int valueTo, boolean repeated, long stamp,
            ObservedSchema into, FieldLocation location, MessagePart part) {
        String name = formDecode(s, nameFrom, nameTo);
        if (name == null) {
            into.paramsSkipped++;
            return;
        }
        int bracket = name.indexOf('[');
        int baseEnd = bracket > 0 && name.endsWith("]") ? bracket : name.length();
        FieldNode node = child(into.root(), name.substring(0, baseEnd), stamp, into);
        boolean element = false;
        int i = baseEnd;
        while (node != null && i < name.length() && name.charAt(i) == '[') { // "a[b]]c]": what follows a stray ']' is ignored
            int close = name.indexOf(']', i);
            if (close < 0) {
                break;
            }
            String inner = name.substring(i + 1, close);
            i = close + 1;
            element = inner.isEmpty() || SegmentShapes.isAllDigits(inner, 0, inner.length());
            if (element) {
                node = element(node, stamp, into);
            } else {
                markObject(node, stamp);
                node = child(node, inner, stamp, into);
            }
        }
        if (node == null) {
            return;
        }
        if (repeated && !element) {
            node = element(node, stamp, into);
            if (node == null) {
                return;
            }
        }
        scalar(s, valueFrom, valueTo, node);
        if (inspector != ValueInspector.NONE && valueFrom >= 0 && valueFrom < valueTo) {
            String value = formDecode(s, valueFrom, valueTo);
            if (value != null) {
                inspect(part, location, null, node, () -> name, value);
            }
        }
    }

    private static FieldNode child(FieldNode parent, String raw, long stamp, ObservedSchema into) {
        FieldNode child = into.property(parent, raw);
        if (child != null) {
            child.stamp = stamp;
        }
        return child;
    }

    private static FieldNode element(FieldNode array, long stamp, ObservedSchema into) {
        if (array.arrayStamp != stamp) { // counted once per observation
            array.arrayStamp = stamp;
            array.type(FieldType.ARRAY);
        }
        FieldNode items = into.items(array);
        if (items != null) {
            items.stamp = stamp;
        }
        return items;
    }

    private static void markObject(FieldNode node, long stamp) {
        if (node.objectStamp != stamp) {
            node.objectStamp = stamp;
            node.type(FieldType.OBJECT);
        }
    }

    private static void scalar(String s, int from, int to, FieldNode node) {
        if (from < 0 || from == to) {
            node.string(null);
            return;
        }
        int len = to - from;
        if (len == 4 && s.regionMatches(true, from, "true", 0, 4) || len == 5 && s.regionMatches(true, from, "false", 0, 5)) {
            node.type(FieldType.BOOLEAN);
            return;
        }
        int i = s.charAt(from) == '-' ? from + 1 : from;
        int digits = 0;
        int dots = 0;
        boolean numeric = i < to;
        for (int j = i; j < to; j++) {
            char c = s.charAt(j);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && dots == 0) {
                dots++;
            } else {
                numeric = false;
                break;
            }
        }
        if (numeric && digits > 0 && s.charAt(to - 1) != '.' && s.charAt(i) != '.') {
            node.type(dots == 0 && digits <= 18 ? FieldType.INTEGER : FieldType.NUMBER);
            return;
        }
        StringFormat format = null;
        if (len <= 3 * StringFormat.MAX_INSPECTED) {
            String decoded = formDecode(s, from, to);
            format = decoded == null ? null : StringFormat.of(decoded);
        }
        node.string(format);
    }

    /** Decodes {@code +} and percent escapes; null when malformed. */
    private static String formDecode(String s, int from, int to) {
        boolean plain = true;
        for (int i = from; i < to && plain; i++) {
            char c = s.charAt(i);
            plain = c != '%' && c != '+' && c < 0x80;
        }
        if (plain) {
            return s.substring(from, to);
        }
        String spaced = s.substring(from, to).replace('+', ' ');
        if (spaced.indexOf('%') < 0) {
            // raw bytes above 0x7f arrived as ISO-8859-1 chars: re-read them as UTF-8
            String utf8 = new String(spaced.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            return utf8.indexOf('\uFFFD') >= 0 ? null : utf8;
        }
        return SegmentShapes.percentDecode(spaced, 0, spaced.length());
    }

    private static int lastAmpersand(String s) {
        int i = s.lastIndexOf('&');
        return i < 0 ? 0 : i;
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }
}
