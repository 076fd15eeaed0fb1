package io.perimeter.quickstart;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program the quick start runs, its output (stdout and stderr) appended to a log file. Closing it asks it to stop
 * (SIGTERM), waits for its grace period, then kills what is left of it and its descendants.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Duration grace;
    private final Object outputLock = new Object();
    private String lastLine = "";
    private boolean outputEnded;
    private Predicate<String> awaited = line -> false;
    private boolean awaitedSeen;

    private Thread output;

    private ChildProcess(String name, Process process, Duration grace) {
        this.name = name;
        this.process = process;
        this.grace = grace;
    }

    static ChildProcess start(String name, List<String> command, Path directory, Path log, Duration grace)
            throws IOException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        ChildProcess child = new ChildProcess(name, process, grace);
        child.output = Thread.ofPlatform().daemon().name(name + "-output").start(() -> child.copyOutput(log));
        return child;
    }

    private void copyOutput(Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.write(line);
                out.write('\n');
                out.flush();
                synchronized (outputLock) {
                    lastLine = line;
                    awaitedSeen |= awaited.test(line);
                    outputLock.notifyAll();
                }
            }
        } catch (IOException e) {
            // The program's output ended abnormally: what it wrote so far is in the log.
        } finally {
            synchronized (outputLock) {
                outputEnded = true;
                outputLock.notifyAll();
            }
        }
    }

    /**
     * Waits until the program writes a line {@code wanted} accepts (from now on).
     *
     * @return true if it did; false if it ended or the time ran out first
     */
    boolean awaitLine(Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (outputLock) {
            awaited = wanted;
            awaitedSeen = false;
            while (!awaitedSeen && !outputEnded) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(outputLock, left);
            }
            return awaitedSeen;
        }
    }

    /** The last line the program wrote, for a message when it failed. */
    String lastLine() {
        synchronized (outputLock) {
            return lastLine;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the program to end by itself; returns its exit status, or -1 if it still runs after {@code timeout}. */
    int waitFor(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            // Through the handle: Process.destroy would also close the output pipe, losing the program's last lines.
            process.toHandle().destroy();
            try {
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            output.join(Duration.ofSeconds(1)); // its last lines (the edge's final batch) belong in the log
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
