package io.perimeter.analyzer.cli;

import io.perimeter.analyzer.edge.EdgeVersion;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** {@code perimeter-edge}: the edge's commands. */
@Command(name = "perimeter-edge", mixinStandardHelpOptions = true, version = "perimeter-edge " + EdgeVersion.VALUE,
        description = "The Perimeter edge: enroll with the cloud, run (capture, analyze, ship), analyze recorded traffic.")
public final class EdgeMain {

    private EdgeMain() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new EdgeMain());
        cli.addSubcommand(new EnrollCommand(out, err));
        cli.addSubcommand(new RunCommand(out, err));
        cli.addSubcommand(new AnalyzeCommand(out, err));
        cli.registerConverter(Duration.class, new DurationConverter());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        try {
            EdgeConfigFile.install(cli, args);
        } catch (ParameterException e) {
            err.println("perimeter-edge: " + e.getMessage());
            return 2;
        }
        return cli.execute(args);
    }
}
