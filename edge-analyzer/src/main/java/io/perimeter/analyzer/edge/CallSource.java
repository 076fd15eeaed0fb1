package io.perimeter.analyzer.edge;

import java.util.Map;
import java.util.Optional;

/** Where the running edge's calls come from: live capture or recorded files. */
public interface CallSource extends AutoCloseable {

    /**
     * Starts delivering calls to {@code queue}, on threads of the source's own.
     *
     * @throws IllegalStateException with what to do if the source cannot start (privileges, kernel, files)
     */
    void start(AnalysisQueue queue);

    /** The source's health counters for the next batch, by the contract's counter names. */
    Map<String, Long> counters();

    /** Why the source stopped delivering before it was closed, if it did: the edge should stop then. */
    Optional<String> failure();

    /** Stops delivering; every call taken in before this returns has been handed to the queue. */
    @Override
    void close();
}
