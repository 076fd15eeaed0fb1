package io.perimeter.edgepackage;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command run on this host to its end, its output (stdout and stderr together) kept for the assertions. */
record HostCommand(List<String> command, int exitCode, String output) {

    /** Runs {@code command} with this JVM's environment; fails the test if it does not end within {@code timeout}. */
    static HostCommand run(Duration timeout, String... command) {
        return run(timeout, Map.of(), command);
    }

    /** Runs {@code command} with this JVM's environment, {@code environment} added. */
    static HostCommand run(Duration timeout, Map<String, String> environment, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return run(timeout, builder);
    }

    /** Runs a prepared process; its output goes to a temporary file, so a chatty command cannot block on a pipe. */
    static HostCommand run(Duration timeout, ProcessBuilder builder) {
        try {
            Path output = Files.createTempFile("host-command", ".log");
            try {
                Process process = builder.redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError(builder.command() + " did not end within " + timeout + ":\n"
                            + Files.readString(output, UTF_8));
                }
                return new HostCommand(builder.command(), process.exitValue(), Files.readString(output, UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run " + builder.command() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + builder.command(), e);
        }
    }

    /** This result, or an assertion error with the command and its output when it did not exit 0. */
    HostCommand succeeded() {
        if (exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + exitCode + ":\n" + output);
        }
        return this;
    }
}
