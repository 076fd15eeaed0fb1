package io.perimeter.sensor.capture;

import io.perimeter.sensor.events.SensorCounter;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of what the sensor did: kernel counters (ring-buffer losses among them), user-space counters, the
 * TLS libraries probed and those that could not be.
 *
 * @param tlsProbesReset times the TLS probes of a library were found without their breakpoints in a process that
 *                       maps it, and were attached again: TLS calls made there meanwhile were not seen
 */
public record SensorStatus(
        Map<SensorCounter, Long> kernel,
        long events,
        long calls,
        long callsWithGaps,
        long dataBytes,
        long connectionsTracked,
        long connectionsOpened,
        long nonHttpConnections,
        long evictedIdle,
        long evictedOverCap,
        long dataWithoutConnection,
        long pendingTlsBytesDropped,
        long tlsProbesReset,
        List<String> tlsLibraries,
        List<String> tlsLibraryFailures) {

    /** Records the kernel could not hand over (ring buffer full). Zero means nothing was lost there. */
    public long kernelEventsLost() {
        return kernel.getOrDefault(SensorCounter.EVENTS_LOST, 0L);
    }

    /** Whether any counter that stands for lost data is non-zero. */
    public boolean lostAnything() {
        return kernel.entrySet().stream().anyMatch(e -> e.getKey().countsLoss() && e.getValue() > 0)
                || pendingTlsBytesDropped > 0 || evictedOverCap > 0 || tlsProbesReset > 0;
    }
}
