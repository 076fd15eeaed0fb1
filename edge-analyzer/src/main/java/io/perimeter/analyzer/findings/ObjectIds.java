package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.discovery.ServiceKey;
import java.util.List;
import java.util.Set;

/** Which template parameters name objects ({@code {id}}, {@code {uuid}}, ...), and the key of one per endpoint. */
final class ObjectIds {
    /** Placeholders that discovery gives to identifiers; dates and tokens are not objects one walks. */
    private static final Set<String> OBJECT_PARAMETERS = Set.of("id", "uuid", "ulid", "hash", "param", "email");

    /** One endpoint parameter: where an object id sits. */
    record Slot(ServiceKey service, String method, String template, int position) {}

    private ObjectIds() {}

    /** The object ids of the call's path: template parameters of an identifier kind and their values. */
    static List<ObservedCall.PathValue> of(ObservedCall call) {
        return call.pathValues().stream().filter(v -> OBJECT_PARAMETERS.contains(v.name()) && !v.value().isEmpty())
                .toList();
    }

    static Slot slot(ObservedCall call, ObservedCall.PathValue value) {
        return new Slot(call.endpoint().service(), call.method(), call.endpoint().template(), value.position());
    }
}
