package io.perimeter.cloud.inventory;

import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the flat field list of a body or of the query ({@code id}, {@code cards[].number}, {@code meta.{key}}) back
 * into the nested JSON Schema it describes: {@code []} makes an array whose items are the next level, {@code {key}}
 * a map (additionalProperties), other names object properties. Containers the edge did not list get the type their
 * children imply. Data classes become {@code x-data-classes} on the schema of the field that carried them.
 */
final class FieldSchemas {
    /** Extension on schemas: the data classes the field carried. */
    static final String DATA_CLASSES = "x-data-classes";
    private static final String MAP_KEY = "{key}";

    private FieldSchemas() {}

    /** The object schema whose properties {@code fields} describe. */
    static Schema<?> object(List<EndpointShape.Field> fields) {
        return tree(fields).toSchema();
    }

    /** The top-level members of {@code fields} with their schemas and whether they were always present. */
    static Map<String, Member> members(List<EndpointShape.Field> fields) {
        Map<String, Member> members = new LinkedHashMap<>();
        tree(fields).properties.forEach((name, node) -> members.put(name, new Member(node.toSchema(), node.required,
                node.effectiveTypes().contains("array"), node.effectiveTypes().contains("object"))));
        return members;
    }

    /** A top-level member: its schema, whether every message had it, and whether it is an array or object. */
    record Member(Schema<?> schema, boolean required, boolean array, boolean object) {
    }

    private static Node tree(List<EndpointShape.Field> fields) {
        Node root = new Node();
        root.implied.add("object");
        for (EndpointShape.Field field : fields) {
            String[] segments = field.path().split("\\.");
            Node parent = root;
            for (int i = 0; i < segments.length; i++) {
                boolean array = segments[i].endsWith("[]");
                String name = array ? segments[i].substring(0, segments[i].length() - 2) : segments[i];
                Node member = name.equals(MAP_KEY) ? parent.additional() : parent.property(name);
                Node value = member;
                if (array) {
                    member.implied.add("array");
                    value = member.items();
                }
                if (i < segments.length - 1) {
                    value.implied.add("object");
                    parent = value;
                } else {
                    value.types.addAll(field.types());
                    value.formats.addAll(field.formats());
                    value.dataClasses.addAll(field.dataClasses());
                    member.required = field.required();
                }
            }
        }
        return root;
    }

    private static final class Node {
        final Set<String> types = new LinkedHashSet<>();
        final Set<String> implied = new LinkedHashSet<>();
        final Set<String> formats = new LinkedHashSet<>();
        final Set<String> dataClasses = new TreeSet<>();
        final Map<String, Node> properties = new LinkedHashMap<>();
        Node items;
        Node additional;
        boolean required;

        Node property(String name) {
            return properties.computeIfAbsent(name, n -> new Node());
        }

        Node items() {
            if (items == null) {
                items = new Node();
            }
            return items;
        }

        Node additional() {
            if (additional == null) {
                additional = new Node();
            }
            return additional;
        }

        Set<String> effectiveTypes() {
            return types.isEmpty() ? implied : types;
        }

        @SuppressWarnings("rawtypes") // swagger-models declares properties as Map<String, Schema>
        Schema<?> toSchema() {
            JsonSchema schema = new JsonSchema();
            if (!effectiveTypes().isEmpty()) {
                schema.types(new LinkedHashSet<>(effectiveTypes()));
            }
            if (formats.size() == 1) {
                schema.format(formats.iterator().next());
            }
            if (!properties.isEmpty()) {
                Map<String, Schema> members = new LinkedHashMap<>();
                List<String> required = new ArrayList<>();
                properties.forEach((name, node) -> {
                    members.put(name, node.toSchema());
                    if (node.required) {
                        required.add(name);
                    }
                });
                schema.properties(members);
                if (!required.isEmpty()) {
                    schema.required(required);
                }
            }
            if (items != null) {
                schema.items(items.toSchema());
            }
            if (additional != null) {
                schema.additionalProperties(additional.toSchema());
            }
            if (!dataClasses.isEmpty()) {
                schema.addExtension(DATA_CLASSES, List.copyOf(dataClasses));
            }
            return schema;
        }
    }
}
