package io.perimeter.quickstart;

import java.io.PrintStream;
import java.util.Locale;

/** One line per start-up step: {@code [3/8] what … result (1.2 s)}. */
final class Progress {
    private final PrintStream out;
    private final int steps;
    private int step;
    private long stepStarted;

    Progress(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    void begin(String what) {
        step++;
        stepStarted = System.nanoTime();
        out.printf("[%d/%d] %s ... ", step, steps, what);
        out.flush();
    }

    void done(String result) {
        out.printf(Locale.ROOT, "%s (%.1f s)%n", result, (System.nanoTime() - stepStarted) / 1e9);
    }
}
