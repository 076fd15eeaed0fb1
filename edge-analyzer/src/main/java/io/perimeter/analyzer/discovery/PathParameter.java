package io.perimeter.analyzer.discovery;

/**
 * A parameter of an endpoint template.
 *
 * @param position 0-based index of the path segment
 * @param name     the placeholder's name ({@code id}, {@code uuid}, {@code param}, …); repeated names are
 *                 possible ({@code /users/{id}/orders/{id}})
 * @param kind     what its values looked like
 * @param numeric  true when every value of an {@link SegmentKind#ID} parameter was all digits
 */
public record PathParameter(int position, String name, SegmentKind kind, boolean numeric) {}
