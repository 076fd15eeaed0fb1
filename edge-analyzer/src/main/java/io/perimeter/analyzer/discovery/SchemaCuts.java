package io.perimeter.analyzer.discovery;

/**
 * What schema inference did not look at, by reason. All counts, never content.
 *
 * @param truncatedBodies   bodies the capture had truncated (their schema is partial; objects left open
 *                          do not count against "required")
 * @param malformedBodies   bodies that were not valid JSON
 * @param undecodedBodies   bodies whose content encoding the sensor could not undo (not parsed)
 * @param limitAborts       bodies abandoned at a parser constraint: nesting deeper than
 *                          {@link SchemaLimits#maxNestingDepth()}, a string or name too long
 * @param budgetAborts      bodies abandoned after {@link SchemaLimits#maxValuesPerBody()} values
 * @param depthSkips        values skipped below {@link SchemaLimits#maxDepth()}
 * @param elementsSkipped   array elements skipped past {@link SchemaLimits#maxArrayElements()}
 * @param objectsCollapsed  objects turned into maps ({@code {key}}) past {@link SchemaLimits#maxKeysPerObject()}
 * @param fieldsDropped     field occurrences not recorded because the schema held {@link SchemaLimits#maxNodes()}
 * @param paramsSkipped     query or form parameters past {@link SchemaLimits#maxParams()}
 */
public record SchemaCuts(
        long truncatedBodies,
        long malformedBodies,
        long undecodedBodies,
        long limitAborts,
        long budgetAborts,
        long depthSkips,
        long elementsSkipped,
        long objectsCollapsed,
        long fieldsDropped,
        long paramsSkipped) {

    public static final SchemaCuts NONE = new SchemaCuts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** True when nothing was cut. */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
