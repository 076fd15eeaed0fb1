package io.perimeter.analyzer.edge;

/** The edge's version, as batches ({@code edge.version}), enrollment and {@code --version} report it. */
public final class EdgeVersion {
    public static final String VALUE = "0.1.0";

    private EdgeVersion() {}
}
