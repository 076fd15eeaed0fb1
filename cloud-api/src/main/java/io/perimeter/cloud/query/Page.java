package io.perimeter.cloud.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of a list, in the list's sort order.
 *
 * @param items      at most the limit asked for
 * @param nextCursor pass it as {@code cursor} for the page after this one; null (present, so that clients need not
 *                   tell "absent" from "last") on the last page
 */
@Serdeable
public record Page<T>(List<T> items, @Nullable @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {
}
