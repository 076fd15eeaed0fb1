package io.perimeter.analyzer.edge;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.har.HarFormatException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Recorded calls (HAR files or {@code capture} JSON lines, see {@link CallSources}) fed to the running edge once, as
 * fast as the analysis takes them, on a thread of their own. The edge keeps running after the last call, closing
 * windows as usual, until it is stopped. A file that cannot be read stops the replay with a {@link #failure()} that
 * names the file (and not what is wrong in it, which could quote a recorded value).
 */
public final class Replay implements CallSource {
    private final List<Path> files;
    private final int bodyCap;
    private volatile Thread thread;
    private volatile String failure;

    /**
     * @param files   the recordings, replayed in this order
     * @param bodyCap bytes of each HAR body analyzed
     */
    public Replay(List<Path> files, int bodyCap) {
        this.files = List.copyOf(files);
        this.bodyCap = bodyCap;
    }

    @Override
    public void start(AnalysisQueue queue) {
        thread = Thread.ofPlatform().name("perimeter-replay").daemon().start(() -> replay(queue));
    }

    private void replay(AnalysisQueue queue) {
        for (Path file : files) {
            try (Stream<ApiCall> calls = CallSources.open(file, bodyCap)) {
                Iterator<ApiCall> each = calls.iterator();
                while (each.hasNext()) {
                    queue.put(each.next());
                }
            } catch (HarFormatException | IllegalArgumentException | UncheckedIOException e) {
                // The parser's message may quote the recording (a URL, a line): the running edge names the file only.
                failure = "cannot replay " + file + " (" + e.getClass().getSimpleName() + "); 'perimeter-edge analyze "
                        + "--input " + file + "' says where";
                return;
            } catch (InterruptedException e) {
                return; // closed
            }
        }
    }

    @Override
    public Map<String, Long> counters() {
        return Map.of();
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops a replay still under way; the calls it queued stay queued. */
    @Override
    public void close() {
        Thread running = thread;
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
