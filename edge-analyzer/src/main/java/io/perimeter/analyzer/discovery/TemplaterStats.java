package io.perimeter.analyzer.discovery;

/**
 * Counters of one service's {@link PathTemplater}.
 *
 * @param nodes            trie nodes in use
 * @param generation       bumped whenever a merge or split changed what existing templates map to
 * @param merges           cardinality merges done
 * @param splits           values split out of a merged parameter
 * @param budgetFallbacks  calls templated by shape alone because the node budget was spent
 * @param depthFallbacks   calls whose path had more segments than the depth cap
 */
public record TemplaterStats(int nodes, long generation, long merges, long splits, long budgetFallbacks,
        long depthFallbacks) {}
