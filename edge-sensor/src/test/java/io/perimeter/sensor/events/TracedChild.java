package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A command run as a child process that waits, in its shell, until {@link #release()}: the test learns its pid
 * first, loads a program that traces only that pid, then lets it run. The shell execs the command, so the command
 * keeps the pid.
 */
final class TracedChild implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private TracedChild(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    static TracedChild start(Path dir, String... command) throws IOException {
        List<String> held = new ArrayList<>(List.of("sh", "-c", "read go && exec \"$@\"", "sh"));
        held.addAll(List.of(command));
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process process = new ProcessBuilder(held).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        return new TracedChild(process, out, err);
    }

    int pid() {
        return Math.toIntExact(process.pid());
    }

    /** Lets the command run. */
    void release() throws IOException {
        try (OutputStream in = process.getOutputStream()) {
            in.write('\n');
        }
    }

    /** Waits for the command to end and checks that it succeeded. */
    void awaitSuccess(Duration timeout) throws IOException, InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(exited).as("the child ended within %s; stderr: %s", timeout, stderr()).isTrue();
        assertThat(process.exitValue()).as("the child's exit code; stderr: %s", stderr()).isZero();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
