package io.perimeter.sensor.cli;

import io.perimeter.sensor.call.ApiCall;
import java.util.Locale;
import java.util.function.Predicate;

/** Which calls the capture command prints: by process, port (either side) and host (Host header or server IP). */
record CallFilter(Integer pid, Integer port, String host) implements Predicate<ApiCall> {

    @Override
    public boolean test(ApiCall call) {
        if (pid != null && call.process().pid() != pid) {
            return false;
        }
        if (port != null && call.client().port() != port && call.server().port() != port) {
            return false;
        }
        if (host != null) {
            String wanted = host.toLowerCase(Locale.ROOT);
            String hostHeader = call.request().headers().first("Host").orElse("").toLowerCase(Locale.ROOT);
            int colon = hostHeader.lastIndexOf(':');
            String hostName = colon > 0 && hostHeader.indexOf(']') < colon ? hostHeader.substring(0, colon) : hostHeader;
            return hostName.equals(wanted) || call.server().ip().equals(host);
        }
        return true;
    }
}
