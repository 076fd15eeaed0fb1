package io.perimeter.analyzer.discovery;

/**
 * Bounds on what schema inference spends on one body and keeps per schema, so that hostile input costs
 * bounded CPU and memory. Whatever a bound cuts is counted in {@link SchemaCuts}.
 *
 * @param maxDepth          object/array nesting recorded in a schema; deeper values are skipped
 * @param maxNestingDepth   nesting the JSON parser accepts at all (Jackson {@code StreamReadConstraints});
 *                          deeper input aborts the body
 * @param maxStringLength   longest JSON string the parser decodes; a longer one aborts the body (Jackson
 *                          checks as its text buffer grows, so a string may pass the bound by up to
 *                          one buffer segment before it is refused)
 * @param maxNameLength     longest JSON field name the parser accepts; a longer one aborts the body
 * @param maxValuesPerBody  values (object members, array elements, scalars) examined per body; the body
 *                          is abandoned past it
 * @param maxArrayElements  elements examined per array; the rest are skipped unexamined
 * @param maxKeysPerObject  distinct keys kept per object; past it the object is treated as a map and its
 *                          keys collapse into one {@code {key}} field
 * @param maxNodes          fields kept per schema; past it new fields are dropped
 * @param maxParams         parameters examined per query string or form body
 */
public record SchemaLimits(
        int maxDepth,
        int maxNestingDepth,
        int maxStringLength,
        int maxNameLength,
        int maxValuesPerBody,
        int maxArrayElements,
        int maxKeysPerObject,
        int maxNodes,
        int maxParams) {

    public SchemaLimits {
        if (maxDepth < 1 || maxNestingDepth < maxDepth || maxStringLength < 64 || maxNameLength < 16
                || maxValuesPerBody < 1 || maxArrayElements < 1 || maxKeysPerObject < 1 || maxNodes < 1 || maxParams < 1) {
            throw new IllegalArgumentException("invalid schema limits: " + this);
        }
    }

    /** The defaults: depth 32 recorded / 64 parsed, 1 MiB strings, 10,000 values, 32 elements per array. */
    public static SchemaLimits defaults() {
        return new SchemaLimits(32, 64, 1 << 20, 1024, 10_000, 32, 128, 1_000, 256);
    }
}
