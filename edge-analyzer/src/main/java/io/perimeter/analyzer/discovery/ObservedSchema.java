package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The schema of one kind of message (an endpoint's query string, its request bodies of one content
 * type, or its responses of one status and content type) as learned so far from observations fed by
 * {@link SchemaInferrer}. It keeps field names (normalised by {@link FieldNames}), types, string formats,
 * counts and data classes — never a value.
 *
 * <p>"Required" means present in every object of its parent that was read to its end; fields in objects
 * cut short by truncation or a limit count for their types but not for presence.
 *
 * <p>Not thread-safe: it belongs to one endpoint and is used under that endpoint's lock.
 */
public final class ObservedSchema {

    private final SchemaLimits limits;
    private final MemoryBudget budget;
    private final FieldNode root = new FieldNode("");
    private int nodes = 1;
    private long stamps;
    long observations;
    long completeObservations;
    long truncatedBodies;
    long malformedBodies;
    long undecodedBodies;
    long limitAborts;
    long budgetAborts;
    long depthSkips;
    long elementsSkipped;
    long objectsCollapsed;
    long fieldsDropped;
    long paramsSkipped;

    public ObservedSchema() {
        this(SchemaLimits.defaults());
    }

    public ObservedSchema(SchemaLimits limits) {
        this(limits, MemoryBudget.unlimited());
    }

    /** A schema whose fields also count against {@code budget}, shared with other schemas. */
    ObservedSchema(SchemaLimits limits, MemoryBudget budget) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * Gives this schema's fields back to the shared budget; the schema must not be used afterwards.
     * (The root is not charged: it is part of the endpoint, which has its own cap.)
     */
    void release() {
        budget.release(nodes - 1);
        nodes = 1;
    }

    /** Observations fed so far (complete or not, parsed or opaque). */
    public long observations() {
        return observations;
    }

    /** Fields kept (the root included). */
    public int nodeCount() {
        return nodes;
    }

    /**
     * Records the data classes that classification found at {@code fieldPath}, in the classifier's
     * notation ({@code users[0].email}, {@code items.0.sku}, {@code user[address][zip]}; keys that are
     * values are normalised as when they were learned). Returns false when the schema has no such field.
     */
    public boolean recordDataClasses(String fieldPath, Set<DataClass> classes) {
        Objects.requireNonNull(classes, "classes");
        FieldNode node = find(fieldPath);
        if (node == null) {
            return false;
        }
        if (!classes.isEmpty()) {
            if (node.dataClasses == null) {
                node.dataClasses = EnumSet.noneOf(DataClass.class);
            }
            node.dataClasses.addAll(classes);
        }
        return true;
    }

    /** Adds everything {@code other} learned; {@code other} must not be used afterwards. */
    public void absorb(ObservedSchema other) {
        if (other == this) {
            return;
        }
        int chargedBefore = nodes - 1 + other.nodes - 1;
        root.absorb(other.root);
        other.nodes = 1;
        stamps = Math.max(stamps, other.stamps);
        observations += other.observations;
        completeObservations += other.completeObservations;
        truncatedBodies += other.truncatedBodies;
        malformedBodies += other.malformedBodies;
        undecodedBodies += other.undecodedBodies;
        limitAborts += other.limitAborts;
        budgetAborts += other.budgetAborts;
        depthSkips += other.depthSkips;
        elementsSkipped += other.elementsSkipped;
        objectsCollapsed += other.objectsCollapsed;
        fieldsDropped += other.fieldsDropped;
        paramsSkipped += other.paramsSkipped;
        nodes = root.size();
        budget.release(chargedBefore - (nodes - 1));
        enforceNodeCap();
    }

    /** An immutable copy of what was learned. */
    public Schema snapshot() {
        SchemaNode top = root.types == 0 ? null : toNode(root, null);
        SchemaCuts cuts = new SchemaCuts(truncatedBodies, malformedBodies, undecodedBodies, limitAborts, budgetAborts,
                depthSkips, elementsSkipped, objectsCollapsed, fieldsDropped, paramsSkipped);
        return new Schema(observations, completeObservations, top, cuts.isEmpty() ? SchemaCuts.NONE : cuts);
    }

    // --- used by SchemaInferrer -----------------------------------------------------------------

    FieldNode root() {
        return root;
    }

    SchemaLimits limits() {
        return limits;
    }

    long nextStamp() {
        return ++stamps;
    }

    /** The child of {@code parent} for the raw key {@code raw}, created if needed; null when over budget. */
    FieldNode property(FieldNode parent, String raw) {
        // A key seen before is found under its own spelling without normalising it again: a stored name other than a
        // placeholder ({...}) is one that normalising left as it was.
        if (!parent.map && !raw.isEmpty() && raw.charAt(0) != '{') {
            FieldNode known = parent.property(raw);
            if (known != null) {
                return known;
            }
        }
        String name = parent.map ? FieldNames.KEY : FieldNames.normalise(raw);
        FieldNode child = parent.property(name);
        if (child != null) {
            return child;
        }
        if (parent.properties != null && parent.properties.size() >= limits.maxKeysPerObject()) {
            collapse(parent);
            return parent.property(FieldNames.KEY);
        }
        if (!grow()) {
            return null;
        }
        if (parent.properties == null) {
            parent.properties = new LinkedHashMap<>();
        }
        child = new FieldNode(name);
        parent.properties.put(name, child);
        return child;
    }

    /** The element field of array {@code parent}, created if needed; null when over budget. */
    FieldNode items(FieldNode parent) {
        if (parent.items == null) {
            if (!grow()) {
                return null;
            }
            parent.items = new FieldNode(FieldNode.ITEMS);
        }
        return parent.items;
    }

    /** A JSON object with {@code stamp} was read to its end: counts it and the presence of its fields. */
    void closeObject(FieldNode node, long stamp) {
        node.objects++;
        if (node.properties != null) {
            for (FieldNode child : node.properties.values()) {
                if (child.stamp == stamp) {
                    child.present++;
                }
            }
        }
    }

    /** A form or query observation with {@code stamp} ended: counts the objects it touched and their fields. */
    void closeObservation(FieldNode node, long stamp) {
        if (node.objectStamp == stamp) {
            node.objects++;
        }
        if (node.properties != null) {
            for (FieldNode child : node.properties.values()) {
                if (child.stamp == stamp) {
                    child.present++;
                    closeObservation(child, stamp);
                }
            }
        }
        if (node.items != null && node.items.stamp == stamp) {
            closeObservation(node.items, stamp);
        }
    }

    private void collapse(FieldNode parent) {
        FieldNode key = new FieldNode(FieldNames.KEY);
        for (FieldNode child : parent.properties.values()) {
            key.absorb(child);
        }
        parent.properties = new LinkedHashMap<>();
        parent.properties.put(FieldNames.KEY, key);
        parent.map = true;
        objectsCollapsed++;
        int before = nodes;
        nodes = root.size();
        budget.release(before - nodes);
    }

    /** Counts one new field if this schema's cap and the shared budget allow it. */
    private boolean grow() {
        if (nodes >= limits.maxNodes() || !budget.tryTake()) {
            fieldsDropped++;
            return false;
        }
        nodes++;
        return true;
    }

    private void enforceNodeCap() {
        // Absorbing two schemas can exceed the cap; collapse the widest objects until it holds.
        while (nodes > limits.maxNodes()) {
            FieldNode widest = widest(root, null);
            if (widest == null) {
                return;
            }
            collapse(widest);
        }
    }

    private static FieldNode widest(FieldNode node, FieldNode best) {
        if (node.properties != null && !node.map && node.properties.size() > 1
                && (best == null || node.properties.size() > best.properties.size())) {
            best = node;
        }
        if (node.properties != null) {
            for (FieldNode child : node.properties.values()) {
                best = widest(child, best);
            }
        }
        return node.items == null ? best : widest(node.items, best);
    }

    private FieldNode find(String path) {
        FieldNode node = root;
        int len = path.length();
        int i = 0;
        while (i < len && node != null) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return null;
                }
                String inner = path.substring(i + 1, close);
                i = close + 1;
                node = inner.isEmpty() || SegmentShapes.isAllDigits(inner, 0, inner.length()) ? node.items : lookup(node, inner);
            } else {
                int end = i;
                while (end < len && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                String name = path.substring(i, end);
                i = end;
                FieldNode named = lookup(node, name);
                node = named == null && node.items != null && SegmentShapes.isAllDigits(name, 0, name.length())
                        ? node.items : named;
            }
        }
        return node;
    }

    private static FieldNode lookup(FieldNode node, String raw) {
        return node.property(node.map ? FieldNames.KEY : FieldNames.normalise(raw));
    }

    private static SchemaNode toNode(FieldNode node, FieldNode parent) {
        List<SchemaNode> properties = List.of();
        if (node.properties != null) {
            properties = new ArrayList<>(node.properties.size());
            for (FieldNode child : node.properties.values()) {
                properties.add(toNode(child, node));
            }
            properties = Collections.unmodifiableList(properties);
        }
        SchemaNode items = node.items == null || node.items.types == 0 ? null : toNode(node.items, null);
        boolean required = parent != null && !parent.map && parent.objects > 0 && node.present >= parent.objects;
        Set<DataClass> classes = node.dataClasses == null ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(node.dataClasses));
        return new SchemaNode(node.name, types(node.types), format(node), required, node.count, classes, properties,
                items, node.map);
    }

    private static Set<FieldType> types(int mask) {
        EnumSet<FieldType> set = EnumSet.noneOf(FieldType.class);
        for (FieldType t : FieldType.values()) {
            if ((mask & t.bit()) != 0) {
                set.add(t);
            }
        }
        return Collections.unmodifiableSet(set);
    }

    private static StringFormat format(FieldNode node) {
        if (node.formatCounts == null || node.strings == 0) {
            return null;
        }
        for (StringFormat f : StringFormat.values()) {
            if (node.formatCounts[f.ordinal()] == node.strings) {
                return f;
            }
        }
        return null;
    }
}
