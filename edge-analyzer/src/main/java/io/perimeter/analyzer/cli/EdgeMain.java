package io.perimeter.analyzer.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code perimeter-edge}: the edge's commands. */
@Command(name = "perimeter-edge", mixinStandardHelpOptions = true, version = "perimeter-edge 0.1.0",
        description = "The Perimeter edge: analyzer commands.")
public final class EdgeMain {

    private EdgeMain() {}

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new EdgeMain());
        cli.addSubcommand(new AnalyzeCommand(out, err));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
