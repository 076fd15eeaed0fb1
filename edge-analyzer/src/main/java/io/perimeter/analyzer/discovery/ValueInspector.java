package io.perimeter.analyzer.discovery;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.classification.FieldContext;
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
    ValueInspector NONE = (part, field, fullPath, value) -> Set.of();

    /**
     * @param part      which part of the call the value is in (query, request body, response body)
     * @param field     where the value sits, and the field's name with its parent's ({@code user.email},
     *                  {@code emails[]}); the same instance for every value of a field
     * @param fullPath  the field's path from the message's root ({@code cards[].number}; a form or query parameter's
     *                  decoded name), built only when asked, and only valid during this call: most values have no
     *                  data class and need no path
     * @return the data classes of the value, empty when none
     */
    Set<DataClass> inspect(MessagePart part, FieldContext field, Supplier<String> fullPath, String value);
}
