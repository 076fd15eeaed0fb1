package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.ServiceKey;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Which template parameters name objects ({@code {id}}, {@code {uuid}}, ...), and the key of one per endpoint. */
final class ObjectIds {
    /** Placeholders that discovery gives to identifiers; dates and tokens are not objects one walks. */
    private static final Set<String> OBJECT_PARAMETERS = Set.of("id", "uuid", "ulid", "hash", "param", "email");

    /** One endpoint parameter: where an object id sits. */
    record Slot(ServiceKey service, String method, String template, int position) {}

    private ObjectIds() {}

    /** An object id of a call's path, and the first 64 bits of its keyed pseudonym. */
    record Id(ObservedCall.PathValue at, long pseudonym) {}

    /**
     * The object ids of the call's path: template parameters of an identifier kind and their values, each with its
     * pseudonym ({@code Pseudonymizer.pseudonym("object", value)}). Read through {@link ObservedCall#objectIds}, once
     * per call for the rules that need them.
     */
    static List<Id> of(ObservedCall call, Pseudonymizer pseudonyms) {
        List<Id> ids = new ArrayList<>(2);
        for (ObservedCall.PathValue v : call.pathValues()) {
            if (OBJECT_PARAMETERS.contains(v.name()) && !v.value().isEmpty()) {
                ids.add(new Id(v, PseudonymBits.of(pseudonyms.pseudonym("object", v.value()))));
            }
        }
        return ids;
    }

    static Slot slot(ObservedCall call, Id id) {
        return new Slot(call.endpoint().service(), call.method(), call.endpoint().template(), id.at().position());
    }
}
