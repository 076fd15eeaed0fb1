package io.perimeter.analyzer.edge;

import io.perimeter.sensor.call.ApiCall;
import java.util.function.Predicate;

/**
 * Which captured calls the edge analyzes: one process (also traced alone in the kernel) and one port on either side,
 * as {@code perimeter-sensor capture --pid/--port} choose them. Null means any.
 *
 * @param pid  the process id, or null
 * @param port the port, or null
 */
public record CaptureFilter(Integer pid, Integer port) implements Predicate<ApiCall> {
    public static final CaptureFilter ALL = new CaptureFilter(null, null);

    @Override
    public boolean test(ApiCall call) {
        return (pid == null || call.process().pid() == pid)
                && (port == null || call.client().port() == port || call.server().port() == port);
    }
}
