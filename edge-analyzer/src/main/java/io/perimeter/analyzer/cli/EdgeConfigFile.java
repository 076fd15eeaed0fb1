package io.perimeter.analyzer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The edge's configuration file ({@value #DEFAULT_PATH}, or {@code --config PATH}): Java properties whose keys are the
 * long options of {@code run} and {@code enroll} without their dashes ({@code cloud=https://…},
 * {@code batch-interval=60s}, {@code internal-domain=corp.example,example.internal}). Options on the command line win
 * over the file; the file wins over built-in defaults. A key that is no such option is refused, so that a typo does
 * not go unnoticed.
 */
final class EdgeConfigFile {
    static final String DEFAULT_PATH = "/etc/perimeter/edge.conf";
    static final String OPTION = "--config";

    private EdgeConfigFile() {}

    /**
     * Finds the subcommand {@code args} call and, if it takes {@value #OPTION}, makes the configuration file its
     * options' defaults. Arguments that do not parse are left for {@link CommandLine#execute} to report.
     *
     * @throws ParameterException naming the file, if it is missing (when given) or has an unknown key
     */
    static void install(CommandLine edge, String... args) {
        ParseResult parsed;
        try {
            parsed = edge.parseArgs(args);
        } catch (ParameterException e) {
            return;
        }
        ParseResult command = parsed.subcommand();
        if (command == null || command.commandSpec().findOption(OPTION) == null) {
            return;
        }
        CommandLine line = command.commandSpec().commandLine();
        Path given = command.matchedOptionValue(OPTION, null);
        Path file = given != null ? given : Path.of(DEFAULT_PATH);
        if (given == null && !Files.exists(file)) {
            return;
        }
        Properties properties = read(line, file);
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(keys(edge));
        if (!unknown.isEmpty()) {
            throw new ParameterException(line, file + ": unknown keys " + unknown + "; the keys are the options of "
                    + "'run' and 'enroll' without dashes: " + keys(edge));
        }
        line.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties));
    }

    private static Properties read(CommandLine line, Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ParameterException(line, "cannot read the configuration file " + file + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (IllegalArgumentException e) {
            throw new ParameterException(line, file + " is not a properties file: " + e.getMessage());
        }
        return properties;
    }

    /** The option names, without dashes, of every subcommand that reads the file. */
    private static Set<String> keys(CommandLine edge) {
        Set<String> keys = new TreeSet<>();
        for (CommandLine command : edge.getSubcommands().values()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.findOption(OPTION) != null) {
                for (OptionSpec option : spec.options()) {
                    if (!option.usageHelp() && !option.versionHelp() && !option.longestName().equals(OPTION)) {
                        keys.add(option.longestName().replaceFirst("^-+", ""));
                    }
                }
            }
        }
        return keys;
    }
}
