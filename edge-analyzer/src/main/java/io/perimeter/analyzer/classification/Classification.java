package io.perimeter.analyzer.classification;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The detailed result of classifying one value.
 *
 * @param classes the data classes found (copied; iteration in declaration order), empty when none
 * @param secretKind which secret format matched when {@code classes} contains {@link DataClass#SECRET},
 *     otherwise empty
 */
public record Classification(Set<DataClass> classes, Optional<SecretKind> secretKind) {

    static final Classification NONE = new Classification(Set.of(), Optional.empty());

    public Classification {
        Objects.requireNonNull(classes, "classes");
        Objects.requireNonNull(secretKind, "secretKind");
        classes = classes.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(classes));
        if (secretKind.isPresent() != classes.contains(DataClass.SECRET)) {
            throw new IllegalArgumentException("secretKind must be present exactly when SECRET is");
        }
    }

    /** Whether no data class was found. */
    public boolean isEmpty() {
        return classes.isEmpty();
    }
}
