package io.perimeter.sensor.capture;

import io.perimeter.sensor.call.ApiCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Collects the calls a sensor delivers and waits for the ones a test is looking for. Thread-safe. */
final class CapturedCalls {
    private final List<ApiCall> calls = new ArrayList<>();

    synchronized void add(ApiCall call) {
        calls.add(call);
        notifyAll();
    }

    /** Waits until {@code count} calls match, then a short grace period, and returns every match. */
    synchronized List<ApiCall> await(Predicate<ApiCall> matching, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (matching(matching).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        // A call invented beyond the expected ones would arrive right after: give it the chance to show.
        wait(300);
        return matching(matching);
    }

    private List<ApiCall> matching(Predicate<ApiCall> matching) {
        List<ApiCall> found = new ArrayList<>();
        for (ApiCall call : calls) {
            if (matching.test(call)) {
                found.add(call);
            }
        }
        return found;
    }
}
