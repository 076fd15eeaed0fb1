package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Redacted evidence of a finding: <em>where</em> (location, field path, header name), <em>which</em> data classes, and
 * numeric or boolean <em>facts</em> from a fixed vocabulary per rule (see docs/findings.md). There is no member in
 * which a value of the call could be quoted: the constructor turns a field path into the contract's notation (parts
 * that are not identifiers become {@code {key}}), refuses a header name that is not a token and accepts only
 * {@link Long} and {@link Boolean} facts (an {@link Integer} is widened) with camelCase names.
 *
 * @param location   where the evidence is
 * @param field      the field path ({@code cards[].number}) or query/form parameter name, or null
 * @param headerName the header name, or null
 * @param dataClasses the data classes involved (may be empty)
 * @param facts      at most 16 facts by name, sorted; values are {@code Long} or {@code Boolean}
 */
public record Evidence(EvidenceLocation location, String field, String headerName, Set<DataClass> dataClasses,
        Map<String, Object> facts) {

    /** The contract's limit on facts per finding. */
    public static final int MAX_FACTS = 16;

    public Evidence {
        Objects.requireNonNull(location, "location");
        field = EvidenceNames.fieldPath(field);
        if (headerName != null && !EvidenceNames.isHeaderName(headerName)) {
            throw new IllegalArgumentException("not a header name (the name is not shown)");
        }
        dataClasses = dataClasses == null || dataClasses.isEmpty() ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(dataClasses));
        if (facts == null || facts.isEmpty()) {
            facts = Map.of(); // most evidence has no facts: no sorted copy to build
        } else {
            TreeMap<String, Object> checked = new TreeMap<>();
            facts.forEach((name, value) -> checked.put(checkName(name), checkValue(value)));
            if (checked.size() > MAX_FACTS) {
                throw new IllegalArgumentException("more than " + MAX_FACTS + " facts");
            }
            facts = Collections.unmodifiableMap(checked);
        }
    }

    /** Evidence at {@code location} with nothing else. */
    public static Evidence at(EvidenceLocation location) {
        return new Evidence(location, null, null, Set.of(), Map.of());
    }

    /** This evidence with the given field path. */
    public Evidence withField(String fieldPath) {
        return new Evidence(location, fieldPath, headerName, dataClasses, facts);
    }

    /** This evidence with the given header name. */
    public Evidence withHeader(String name) {
        return new Evidence(location, field, name, dataClasses, facts);
    }

    /** This evidence with the given data classes. */
    public Evidence withClasses(Set<DataClass> classes) {
        return new Evidence(location, field, headerName, classes, facts);
    }

    /** This evidence with one more fact ({@code Long}, {@code Integer} or {@code Boolean}). */
    public Evidence withFact(String name, Object value) {
        TreeMap<String, Object> more = new TreeMap<>(facts);
        more.put(name, value);
        return new Evidence(location, field, headerName, dataClasses, more);
    }

    private static String checkName(String name) {
        if (!EvidenceNames.isFactName(name)) {
            throw new IllegalArgumentException("a fact name must be camelCase (letters and digits)");
        }
        return name;
    }

    private static Object checkValue(Object value) {
        if (value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        throw new IllegalArgumentException("a fact is a Long or a Boolean, not " + (value == null ? "null" : value.getClass().getSimpleName()));
    }
}
