package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.Endpoint;
import io.perimeter.analyzer.discovery.Inventory;
import io.perimeter.analyzer.discovery.PathParameter;
import io.perimeter.analyzer.discovery.Schema;
import io.perimeter.analyzer.discovery.SchemaField;
import io.perimeter.analyzer.discovery.Service;
import io.perimeter.analyzer.discovery.ServiceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names a finding as the inventory names things now, so that a finding never ships a name the inventory would not.
 *
 * <ul>
 *   <li><b>Templates.</b> A finding remembers the template in force when its calls were seen; discovery may since have
 *       merged a literal segment into a parameter ({@code /users/alice} into {@code /users/{param}}) because
 *       cardinality showed the segment to be data. The finding moves to the inventory's template. A finding whose
 *       endpoint the inventory does not hold is not aligned (the caller drops and counts it).
 *   <li><b>Fields.</b> A field path the rules built from one call may hold a key that is data (a map keyed by user
 *       names); discovery sees many calls and writes such keys as {@code {key}}. The finding's field becomes the
 *       endpoint's schema path it matches (a placeholder part matches any part), and is left out when none matches.
 * </ul>
 *
 * <p>The running edge uses the same rule to find which endpoint now holds the calls of a template it shipped earlier.
 * Immutable once built; thread-safe.
 */
public final class InventoryAlignment {
    private final Map<ServiceKey, Map<String, Map<String, Endpoint>>> endpoints = new HashMap<>();

    public InventoryAlignment(Inventory inventory) {
        for (Service service : inventory.services()) {
            Map<String, Map<String, Endpoint>> byMethod = new HashMap<>();
            for (Endpoint endpoint : service.endpoints()) {
                byMethod.computeIfAbsent(endpoint.method(), m -> new HashMap<>()).put(endpoint.template(), endpoint);
            }
            endpoints.put(service.key(), byMethod);
        }
    }

    /**
     * The inventory's endpoint for {@code template}: the one with that template, else the most specific one whose
     * template covers it (a placeholder segment covers any segment); empty when none does.
     */
    public Optional<Endpoint> endpointOf(ServiceKey service, String method, String template) {
        Map<String, Endpoint> candidates = endpoints.getOrDefault(service, Map.of()).getOrDefault(method, Map.of());
        Endpoint exact = candidates.get(template);
        if (exact != null) {
            return Optional.of(exact);
        }
        String[] segments = template.split("/", -1);
        Endpoint best = null;
        int bestLiterals = -1;
        for (Endpoint candidate : candidates.values()) {
            String[] other = candidate.template().split("/", -1);
            if (other.length != segments.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < other.length && matches; i++) {
                if (other[i].equals(segments[i])) {
                    literals += isPlaceholder(other[i]) ? 0 : 1;
                } else if (!isPlaceholder(other[i])) {
                    matches = false; // the inventory's literal must be the finding's literal
                }
            }
            if (matches && (literals > bestLiterals
                    || literals == bestLiterals && candidate.template().compareTo(best.template()) < 0)) {
                best = candidate;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The endpoint's own name for the evidence field at {@code location}; null when it has none that matches. */
    static String fieldOf(Endpoint endpoint, EvidenceLocation location, String field) {
        if (field == null) {
            return null;
        }
        List<String> known = new ArrayList<>();
        switch (location) {
            case REQUEST_PATH -> endpoint.pathParameters().stream().map(PathParameter::name).forEach(known::add);
            case REQUEST_QUERY -> addFields(endpoint.query(), known);
            case REQUEST_BODY -> endpoint.requestSchemas().values().forEach(s -> addFields(s, known));
            case RESPONSE_BODY -> endpoint.responseSchemas().values()
                    .forEach(byType -> byType.values().forEach(s -> addFields(s, known)));
            default -> {
                return null; // no field names at other locations
            }
        }
        String wanted = EvidenceNames.fieldPath(field);
        String best = null;
        for (String candidate : known) {
            String path = EvidenceNames.fieldPath(candidate);
            if (path == null) {
                continue;
            }
            if (path.equals(wanted)) {
                return path;
            }
            if (best == null && matches(path, wanted)) {
                best = path;
            }
        }
        return best;
    }

    private static void addFields(Schema schema, List<String> into) {
        if (schema != null) {
            for (SchemaField f : schema.fields()) {
                into.add(f.path());
            }
        }
    }

    /** Same parts, where a placeholder part of the inventory's path ({@code {key}}, {@code {email}}) matches any. */
    private static boolean matches(String inventoryPath, String findingPath) {
        String[] a = inventoryPath.split("\\.", -1);
        String[] b = findingPath.split("\\.", -1);
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            boolean arrayA = a[i].endsWith("[]");
            boolean arrayB = b[i].endsWith("[]");
            String nameA = arrayA ? a[i].substring(0, a[i].length() - 2) : a[i];
            String nameB = arrayB ? b[i].substring(0, b[i].length() - 2) : b[i];
            if (arrayA != arrayB || !nameA.equals(nameB) && !isPlaceholder(nameA)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPlaceholder(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
