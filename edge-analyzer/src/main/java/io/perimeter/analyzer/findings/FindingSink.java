package io.perimeter.analyzer.findings;

/** Where rules report what they found. Implementations are thread-safe. */
@FunctionalInterface
interface FindingSink {
    void report(Occurrence occurrence);
}
