package io.perimeter.sensor.capture;

import io.perimeter.sensor.events.SensorProgram;
import java.time.Duration;

/**
 * How the sensor runs.
 *
 * @param program       load-time settings of the kernel program (chunk size, ring buffer, process filter)
 * @param capture       user-space limits (body cap, idle timeout, connection cap)
 * @param probeTls      whether to find and probe TLS libraries
 * @param rescanEvery   how often every process is scanned for TLS libraries; new processes are also scanned when
 *                      the kernel reports their exec, so a library is probed within this bound at worst
 */
public record SensorOptions(SensorProgram.Config program, CaptureSettings capture, boolean probeTls, Duration rescanEvery) {

    public static SensorOptions defaults() {
        return new SensorOptions(SensorProgram.Config.defaults(), CaptureSettings.DEFAULTS, true, Duration.ofSeconds(5));
    }

    public SensorOptions withProgram(SensorProgram.Config config) {
        return new SensorOptions(config, capture, probeTls, rescanEvery);
    }

    public SensorOptions withCapture(CaptureSettings settings) {
        return new SensorOptions(program, settings, probeTls, rescanEvery);
    }
}
