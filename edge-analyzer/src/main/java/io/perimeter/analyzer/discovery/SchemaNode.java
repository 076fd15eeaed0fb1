package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import java.util.List;
import java.util.Set;

/**
 * One field of a {@link Schema}: names, types and counts only.
 *
 * @param name        the key ({@code city}); {@code []} for array elements, {@code {key}} for the values of
 *                    a map-like object, a placeholder ({@code {email}}) for a key that was a value, empty
 *                    for the root
 * @param types       the JSON types seen (a union when more than one)
 * @param format      the string format every string value had, or {@code null}
 * @param required    present in every completely read object of its parent
 * @param count       values seen at this field
 * @param dataClasses data classes recorded by classification
 * @param properties  the object's fields, in the order first seen
 * @param items       the array's elements, or {@code null}
 * @param map         true when the object's keys were too many or value-like and collapsed into {@code {key}}
 */
public record SchemaNode(
        String name,
        Set<FieldType> types,
        StringFormat format,
        boolean required,
        long count,
        Set<DataClass> dataClasses,
        List<SchemaNode> properties,
        SchemaNode items,
        boolean map) {

    public SchemaNode {
        types = Set.copyOf(types);
        dataClasses = Set.copyOf(dataClasses);
        properties = List.copyOf(properties);
    }
}
