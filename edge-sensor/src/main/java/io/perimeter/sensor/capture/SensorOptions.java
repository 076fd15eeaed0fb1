package io.perimeter.sensor.capture;

import io.perimeter.sensor.events.SensorProgram;
import io.perimeter.sensor.events.TlsProbePlacement;
import java.time.Duration;
import java.util.Objects;

/**
 * How the sensor runs.
 *
 * @param program       load-time settings of the kernel program (chunk size, ring buffer, process filter)
 * @param capture       user-space limits (body cap, idle timeout, connection cap)
 * @param probeTls      whether to find and probe TLS libraries
 * @param rescanEvery   how often every process is scanned for TLS libraries; new processes are also scanned when
 *                      the kernel reports their exec, so a library is probed within this bound at worst
 * @param tlsPlacement  where in a TLS library the probes go
 */
public record SensorOptions(SensorProgram.Config program, CaptureSettings capture, boolean probeTls, Duration rescanEvery,
        TlsProbePlacement tlsPlacement) {

    public SensorOptions {
        Objects.requireNonNull(tlsPlacement, "tlsPlacement");
    }

    /** With the TLS probes where {@link TlsProbePlacement#AUTO} puts them. */
    public SensorOptions(SensorProgram.Config program, CaptureSettings capture, boolean probeTls, Duration rescanEvery) {
        this(program, capture, probeTls, rescanEvery, TlsProbePlacement.AUTO);
    }

    public static SensorOptions defaults() {
        return new SensorOptions(SensorProgram.Config.defaults(), CaptureSettings.DEFAULTS, true, Duration.ofSeconds(5));
    }

    public SensorOptions withProgram(SensorProgram.Config config) {
        return new SensorOptions(config, capture, probeTls, rescanEvery, tlsPlacement);
    }

    public SensorOptions withCapture(CaptureSettings settings) {
        return new SensorOptions(program, settings, probeTls, rescanEvery, tlsPlacement);
    }
}
