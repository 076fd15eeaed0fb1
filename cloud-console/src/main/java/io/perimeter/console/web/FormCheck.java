package io.perimeter.console.web;

import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a form against the constraints of the API request it becomes, so a form and the API accept the same input
 * and say the same thing about what they refuse.
 */
@Singleton
public final class FormCheck {
    private final Validator validator;

    FormCheck(Validator validator) {
        this.validator = validator;
    }

    /** What is wrong with {@code request}, in words, or empty when it is valid. */
    public Optional<String> problems(Object request) {
        String problems = validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                .map(FormCheck::describe)
                .collect(Collectors.joining("; "));
        return problems.isEmpty() ? Optional.empty() : Optional.of(problems);
    }

    private static String describe(ConstraintViolation<?> violation) {
        return violation.getPropertyPath() + " " + violation.getMessage();
    }
}
