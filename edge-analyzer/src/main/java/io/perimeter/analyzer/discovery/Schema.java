package io.perimeter.analyzer.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An immutable snapshot of an {@link ObservedSchema}.
 *
 * @param observations         messages observed (parsed or not)
 * @param completeObservations messages read to their end
 * @param root                 the root field, or {@code null} when no message could be parsed (an opaque
 *                             content type, or only malformed bodies)
 * @param cuts                 what inference did not look at
 */
public record Schema(long observations, long completeObservations, SchemaNode root, SchemaCuts cuts) {

    /** Every field below the root, depth first, with its path. */
    public List<SchemaField> fields() {
        if (root == null) {
            return List.of();
        }
        List<SchemaField> out = new ArrayList<>();
        walk(root, "", out);
        return Collections.unmodifiableList(out);
    }

    private static void walk(SchemaNode node, String path, List<SchemaField> out) {
        for (SchemaNode child : node.properties()) {
            String p = path.isEmpty() ? child.name() : path + "." + child.name();
            out.add(new SchemaField(p, child.types(), child.format(), child.required(), child.count(), child.dataClasses()));
            walk(child, p, out);
        }
        if (node.items() != null) {
            String p = path + "[]";
            SchemaNode items = node.items();
            out.add(new SchemaField(p, items.types(), items.format(), false, items.count(), items.dataClasses()));
            walk(items, p, out);
        }
    }
}
