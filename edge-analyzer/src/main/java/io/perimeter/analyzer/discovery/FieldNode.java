package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.classification.FieldContext;
import io.perimeter.analyzer.classification.FieldLocation;
import java.util.EnumSet;
import java.util.LinkedHashMap;

/**
 * One field of an {@link ObservedSchema} while it is being learned: the types and formats seen, how
 * often, and its children. Holds names and counts only. Not thread-safe.
 */
final class FieldNode {
    static final String ITEMS = "[]";
    private static final int FORMATS = StringFormat.values().length;

    final String name;
    int types;
    /** Values seen at this field. */
    long count;
    /** Objects (with this field's parent object closed completely) in which this field was present. */
    long present;
    /** Times this field held an object that was read to its end. */
    long objects;
    long strings;
    long[] formatCounts;
    LinkedHashMap<String, FieldNode> properties;
    FieldNode items;
    boolean map;
    EnumSet<DataClass> dataClasses;
    /** The stamp of the object (JSON) or observation (forms) this field was last seen in. */
    long stamp;
    /** The observation in which this field last held an object (forms and queries). */
    long objectStamp;
    /** The observation in which this field last held an array (forms and queries). */
    long arrayStamp;

    /** Where this field's values are classified ({@link #inspected}); dropped when the node moves ({@link #absorb}). */
    private FieldContext inspected;

    FieldNode(String name) {
        this.name = name;
    }

    /**
     * Where this field's values are classified, under the name {@code parent.name}, {@code parent[]} for the items of an
     * array, or the name alone at the top or in an array ({@code parent} is always this node's parent's name). Made
     * once and reused, so that what the name says is read once; one instance is shared by every node of that name
     * ({@link FieldContext#shared}), so a schema keeps a reference per field, not a copy of its name.
     */
    FieldContext inspected(FieldLocation location, String parent) {
        if (inspected == null || location != inspected.location()) {
            String inspectedName = name == null ? null : ITEMS.equals(name) && parent != null ? parent + ITEMS
                    : parent == null || ITEMS.equals(parent) ? name : parent + "." + name;
            inspected = FieldContext.shared(location, inspectedName);
        }
        return inspected;
    }

    void type(FieldType type) {
        types |= type.bit();
        count++;
    }

    void string(StringFormat format) {
        types |= FieldType.STRING.bit();
        count++;
        strings++;
        if (format != null) {
            if (formatCounts == null) {
                formatCounts = new long[FORMATS];
            }
            formatCounts[format.ordinal()]++;
        }
    }

    void addDataClasses(java.util.Set<DataClass> classes) {
        if (dataClasses == null) {
            dataClasses = EnumSet.noneOf(DataClass.class);
        }
        dataClasses.addAll(classes);
    }

    FieldNode property(String normalisedName) {
        return properties == null ? null : properties.get(normalisedName);
    }

    /**
     * Adds what {@code other} learned into this field (the same position in another schema, or a key
     * collapsing into {@code {key}}). Nodes of {@code other} may be moved here: it must not be used again. A node moved
     * under this one forgets its {@link #inspected} name, which was made with its former parent's name.
     */
    void absorb(FieldNode other) {
        types |= other.types;
        count += other.count;
        present += other.present;
        objects += other.objects;
        strings += other.strings;
        stamp = Math.max(stamp, other.stamp);
        objectStamp = Math.max(objectStamp, other.objectStamp);
        if (other.formatCounts != null) {
            if (formatCounts == null) {
                formatCounts = new long[FORMATS];
            }
            for (int i = 0; i < FORMATS; i++) {
                formatCounts[i] += other.formatCounts[i];
            }
        }
        if (other.dataClasses != null) {
            if (dataClasses == null) {
                dataClasses = EnumSet.noneOf(DataClass.class);
            }
            dataClasses.addAll(other.dataClasses);
        }
        map |= other.map;
        if (other.properties != null) {
            for (FieldNode child : other.properties.values()) {
                String key = map ? FieldNames.KEY : child.name;
                FieldNode mine = property(key);
                if (mine == null) {
                    if (properties == null) {
                        properties = new LinkedHashMap<>();
                    }
                    mine = key.equals(child.name) ? child : new FieldNode(key);
                    properties.put(key, mine);
                    if (mine == child) {
                        child.inspected = null; // named after its former parent
                        continue;
                    }
                }
                mine.absorb(child);
            }
        }
        if (other.items != null) {
            if (items == null) {
                items = other.items;
                items.inspected = null;
            } else {
                items.absorb(other.items);
            }
        }
    }

    /** Nodes in this subtree, this one included. */
    int size() {
        int n = 1;
        if (properties != null) {
            for (FieldNode child : properties.values()) {
                n += child.size();
            }
        }
        if (items != null) {
            n += items.size();
        }
        return n;
    }
}
