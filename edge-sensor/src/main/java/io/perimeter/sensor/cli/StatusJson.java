package io.perimeter.sensor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.sensor.capture.SensorStatus;

/** The sensor's counters as one JSON object, for people and scripts. */
final class StatusJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StatusJson() {}

    static String write(SensorStatus status) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode kernel = root.putObject("kernel");
        status.kernel().forEach((counter, value) -> kernel.put(counter.name().toLowerCase(java.util.Locale.ROOT), value));
        root.putObject("capture")
                .put("events", status.events())
                .put("calls", status.calls())
                .put("callsWithGaps", status.callsWithGaps())
                .put("dataBytes", status.dataBytes())
                .put("connectionsTracked", status.connectionsTracked())
                .put("connectionsOpened", status.connectionsOpened())
                .put("nonHttpConnections", status.nonHttpConnections())
                .put("evictedIdle", status.evictedIdle())
                .put("evictedOverCap", status.evictedOverCap())
                .put("dataWithoutConnection", status.dataWithoutConnection())
                .put("pendingTlsBytesDropped", status.pendingTlsBytesDropped())
                .put("tlsProbesReset", status.tlsProbesReset());
        status.tlsLibraries().forEach(root.putArray("tlsLibraries")::add);
        var failures = root.putArray("tlsLibraryFailures");
        status.tlsLibraryFailures().forEach(failures::add);
        root.put("lostAnything", status.lostAnything());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
