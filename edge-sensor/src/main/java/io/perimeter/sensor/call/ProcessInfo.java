package io.perimeter.sensor.call;

/**
 * The process that sent or received a call.
 *
 * @param pid  the process id (tgid), 0 when unknown (e.g. HAR files)
 * @param name the command name ({@code comm}, at most 15 characters on Linux), empty when unknown
 */
public record ProcessInfo(int pid, String name) {
    public static final ProcessInfo UNKNOWN = new ProcessInfo(0, "");
}
