package io.perimeter.analyzer.discovery;

/**
 * A path as {@link PathTemplater} templated it.
 *
 * @param template       the template, e.g. {@code /users/{id}/orders}; never holds a parameter's value
 * @param numericSegments bit {@code d} is set when segment {@code d} (0-based) was all digits, so that
 *                       an {@code {id}} can be exported as an integer when every value was
 */
public record TemplatedPath(String template, long numericSegments) {}
