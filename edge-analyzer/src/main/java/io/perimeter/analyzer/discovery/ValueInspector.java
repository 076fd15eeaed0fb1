package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.classification.FieldLocation;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Looks at each scalar value while a body or query string is walked for its schema, so that one parse serves
 * discovery and classification. The value is not kept: only the data classes it returns are recorded on the
 * field. Implementations must be thread-safe and quick (they run on every value).
 */
@FunctionalInterface
public interface ValueInspector {

    /** An inspector that finds nothing. */
    ValueInspector NONE = (part, location, fieldPath, fullPath, value) -> Set.of();

    /**
     * @param part      which part of the call the value is in (query, request body, response body)
     * @param location  where the value sits
     * @param fieldPath the field's name, with its parent's ({@code user.email}, {@code emails[]}), as
     *                  {@link io.perimeter.analyzer.classification.FieldContext} takes it
     * @param fullPath  the field's path from the message's root ({@code cards[].number}; a form or query parameter's
     *                  decoded name), built only when asked, and only valid during this call: most values have no
     *                  data class and need no path
     * @return the data classes of the value, empty when none
     */
    Set<DataClass> inspect(MessagePart part, FieldLocation location, String fieldPath, Supplier<String> fullPath,
            String value);
}
