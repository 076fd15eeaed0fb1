package io.perimeter.analyzer.discovery;

/**
 * The knobs of {@link PathTemplater}. The defaults ({@link #defaults()}) are the values measured in
 * {@code docs/discovery.md}.
 *
 * @param mergeThreshold     at least this many mergeable literal siblings before cardinality merging is
 *                           considered
 * @param codeMergeThreshold at least this many mergeable siblings that are all codes (two or three
 *                           letters of one length and case: {@code de}, {@code EUR}) are merged
 * @param lightHits          a literal child with at most this many calls is "light" (seen once or twice)
 * @param lightFraction      merge when at least this fraction of the mergeable siblings is light
 * @param maxLiteralChildren more mergeable literal siblings than this are merged whatever their
 *                           traffic (the per-node memory cap); a node keeps at most twice this many
 *                           literal children in all (well-known words and versions included)
 * @param maxNodes           trie nodes per service; past it, new words are templated by shape alone
 *                           (words that are not well-known become {@code {param}})
 * @param maxDepth           path segments that are templated; the rest is folded into one
 *                           {@code {param}} (at most 63)
 * @param splitShare         a value under a merged parameter that carries at least this share of the
 *                           parameter's calls becomes a literal again
 * @param minSplitHits       ... provided it has at least this many calls (counted exactly)
 * @param maxSplitsPerNode   at most this many values are split out of one parameter
 * @param heavyValues        values tracked per merged parameter to find split candidates (Space-Saving)
 */
public record TemplaterSettings(
        int mergeThreshold,
        int codeMergeThreshold,
        int lightHits,
        double lightFraction,
        int maxLiteralChildren,
        int maxNodes,
        int maxDepth,
        double splitShare,
        long minSplitHits,
        int maxSplitsPerNode,
        int heavyValues) {

    public TemplaterSettings {
        if (mergeThreshold < 2 || codeMergeThreshold < 2 || maxLiteralChildren < mergeThreshold || maxNodes < 16 || maxDepth < 1
                || maxDepth > 63 || heavyValues < 1 || lightFraction < 0 || lightFraction > 1 || splitShare <= 0
                || splitShare > 1 || minSplitHits < 1 || maxSplitsPerNode < 0 || lightHits < 1) {
            throw new IllegalArgumentException("invalid templater settings: " + this);
        }
    }

    /** The measured defaults. */
    public static TemplaterSettings defaults() {
        return new TemplaterSettings(10, 6, 2, 0.5, 64, 10_000, 32, 0.4, 20, 8, 8);
    }
}
