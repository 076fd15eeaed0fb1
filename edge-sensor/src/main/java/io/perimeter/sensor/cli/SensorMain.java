package io.perimeter.sensor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perimeter-sensor}: the sensor's operator commands. */
@Command(name = "perimeter-sensor", mixinStandardHelpOptions = true, version = "perimeter-sensor 0.1",
        description = "The Perimeter eBPF sensor's commands for operators on this host.")
public final class SensorMain {

    private SensorMain() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(java.io.PrintStream out, java.io.PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new SensorMain());
        cli.addSubcommand(new CaptureCommand(out, err));
        cli.addSubcommand(new StatusCommand(out, err));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        return cli.execute(args);
    }
}
