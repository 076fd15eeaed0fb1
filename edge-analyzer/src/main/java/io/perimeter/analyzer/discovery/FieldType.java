package io.perimeter.analyzer.discovery;

/** A JSON Schema type, as inferred from observed values. */
public enum FieldType {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    OBJECT("object"),
    ARRAY("array"),
    NULL("null");

    private final String jsonName;

    FieldType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The JSON Schema name ({@code integer}). */
    public String jsonName() {
        return jsonName;
    }

    int bit() {
        return 1 << ordinal();
    }
}
