package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import java.util.Set;

/**
 * A {@link SchemaNode} with its path, the flat form the perimeter contract ships
 * ({@code user.address.city: string}, {@code items[].sku: string}, {@code []: object} for a root array's
 * elements).
 */
public record SchemaField(String path, Set<FieldType> types, StringFormat format, boolean required, long count,
        Set<DataClass> dataClasses) {

    public SchemaField {
        types = Set.copyOf(types);
        dataClasses = Set.copyOf(dataClasses);
    }
}
