package io.perimeter.analyzer.classification;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One labelled value of the classification corpus.
 *
 * @param location where the value sits
 * @param field field name or path ({@code null} for path segments)
 * @param value the value
 * @param expected the data classes the value really carries (the label), from how it was generated
 * @param secretKind the expected secret kind when {@code expected} contains SECRET, else {@code null}
 * @param source the generator rule that produced it (e.g. {@code card:visa:spaced}, {@code neg:order-id})
 */
public record LabelledSample(FieldLocation location, String field, String value, Set<DataClass> expected,
        SecretKind secretKind, String source) {

    public LabelledSample {
        Objects.requireNonNull(location);
        Objects.requireNonNull(value);
        Objects.requireNonNull(source);
        expected = expected.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(expected));
        if ((secretKind != null) != expected.contains(DataClass.SECRET)) {
            throw new IllegalArgumentException("secretKind must be given exactly for SECRET samples: " + source);
        }
    }

    FieldContext context() {
        return new FieldContext(location, field);
    }
}
