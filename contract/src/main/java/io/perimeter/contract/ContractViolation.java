package io.perimeter.contract;

/**
 * One way a batch breaks the perimeter contract.
 *
 * @param location a JSON pointer-like path to the offending member, e.g. {@code $.services[0].endpoints[3].template}
 * @param rule     the schema keyword that failed ({@code pattern}, {@code additionalProperties}, {@code enum}, ...)
 * @param message  a description that names the member and the rule, never its value
 */
public record ContractViolation(String location, String rule, String message) {}
