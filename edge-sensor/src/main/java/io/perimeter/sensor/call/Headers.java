package io.perimeter.sensor.call;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Header fields in wire order, duplicates kept; look-ups ignore case as HTTP does. Immutable. */
public record Headers(List<Header> fields) {
    public static final Headers EMPTY = new Headers(List.of());

    public Headers {
        fields = List.copyOf(fields);
    }

    /** The first value of the named field. */
    public Optional<String> first(String name) {
        // An indexed loop, not a stream or an iterator: the sensor looks up headers of every call it captures.
        for (int i = 0; i < fields.size(); i++) {
            Header field = fields.get(i);
            if (field.name().equalsIgnoreCase(name)) {
                return Optional.of(field.value());
            }
        }
        return Optional.empty();
    }

    /** Every value of the named field, in order. */
    public List<String> all(String name) {
        List<String> values = null;
        for (int i = 0; i < fields.size(); i++) { // as in first: no stream per look-up, no list when there is none
            Header field = fields.get(i);
            if (field.name().equalsIgnoreCase(name)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(field.value());
            }
        }
        return values == null ? List.of() : Collections.unmodifiableList(values);
    }
}
