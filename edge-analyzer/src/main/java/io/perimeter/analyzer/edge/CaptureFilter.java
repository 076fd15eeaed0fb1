package io.perimeter.analyzer.edge;

import io.perimeter.sensor.call.ApiCall;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which captured calls the edge analyzes: one process (also traced alone in the kernel) and a set of ports, one of
 * which must be on either side, as {@code perimeter-sensor capture --pid/--port} choose them. A null pid and an empty
 * set of ports mean any.
 *
 * @param pid   the process id, or null
 * @param ports the ports, or empty
 */
public record CaptureFilter(Integer pid, Set<Integer> ports) implements Predicate<ApiCall> {
    public static final CaptureFilter ALL = new CaptureFilter(null, Set.of());

    public CaptureFilter {
        ports = Set.copyOf(ports);
    }

    @Override
    public boolean test(ApiCall call) {
        return (pid == null || call.process().pid() == pid)
                && (ports.isEmpty() || ports.contains(call.client().port()) || ports.contains(call.server().port()));
    }
}
