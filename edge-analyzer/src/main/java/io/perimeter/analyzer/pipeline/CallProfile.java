package io.perimeter.analyzer.pipeline;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.discovery.EndpointRef;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where data classes were found in one call: the endpoint it was attributed to, and for each place (part and
 * field, header, cookie or path parameter name) the classes found there. Names and classes only, never values.
 *
 * @param endpoint the endpoint the call was attributed to
 * @param sightings the places with data classes, in the order they were found
 */
public record CallProfile(EndpointRef endpoint, List<Sighting> sightings) {

    public CallProfile {
        sightings = List.copyOf(sightings);
    }

    /**
     * Data classes at one place of the call.
     *
     * @param where   {@code QUERY}, {@code REQUEST_BODY}, {@code RESPONSE_BODY}, {@code REQUEST_HEADER},
     *                {@code RESPONSE_HEADER}, {@code REQUEST_COOKIE} or {@code PATH}
     * @param name    the field's name with its parent's ({@code card.number}, as classification read it), or the
     *                header, cookie or path parameter name
     * @param path    the field's full path in its message ({@code customer.cards[].number}; form and query
     *                parameters: the decoded name), or the same as {@code name} for headers, cookies and path parameters
     * @param classes what was found there
     */
    public record Sighting(String where, String name, String path, Set<DataClass> classes) {}

    /** Every class found in the given places ({@code where} values). */
    public Set<DataClass> classesIn(String... where) {
        EnumSet<DataClass> found = EnumSet.noneOf(DataClass.class);
        for (Sighting s : sightings) {
            for (String w : where) {
                if (s.where().equals(w)) {
                    found.addAll(s.classes());
                }
            }
        }
        return found;
    }

    /** Collects sightings while a call is analyzed; reused per thread. */
    static final class Builder {
        private EndpointRef endpoint;
        private final List<Sighting> sightings = new ArrayList<>();

        void clear() {
            endpoint = null;
            sightings.clear();
        }

        void endpoint(EndpointRef ref) {
            this.endpoint = ref;
        }

        void add(String where, String name, String path, Set<DataClass> classes) {
            if (!classes.isEmpty()) {
                sightings.add(new Sighting(where, name, path, Set.copyOf(classes)));
            }
        }

        CallProfile build() {
            return new CallProfile(endpoint, sightings);
        }
    }
}
