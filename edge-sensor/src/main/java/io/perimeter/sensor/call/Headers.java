package io.perimeter.sensor.call;

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
        return fields.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }
}
