package io.perimeter.analyzer.discovery;

import java.util.Objects;

/**
 * Learns the endpoints of one service from the paths it serves and turns each raw path into a
 * template such as {@code /api/v1/users/{id}/orders}.
 *
 * <h2>How a path is templated</h2>
 * Each segment is typed by its characters alone ({@link SegmentShapes}): numbers and mixed
 * letter-digit ids become {@code {id}}, UUIDs {@code {uuid}}, ULIDs {@code {ulid}}, hex digests
 * {@code {hash}}, ISO dates {@code {date}}/{@code {datetime}}, e-mail addresses {@code {email}}, long
 * opaque tokens {@code {token}}, and segments with characters no endpoint name uses {@code {param}}.
 * Those values never reach the trie. Versions ({@code v1}, {@code v2.1}) and
 * {@linkplain WellKnownWords well-known words} ({@code users}, {@code me}, {@code search}, …) always stay
 * literal. Every other word is a literal child in a per-service segment trie until cardinality shows
 * that its position is a parameter.
 *
 * <h2>Cardinality merging</h2>
 * When a new word is added under a node that has at least {@link TemplaterSettings#mergeThreshold()}
 * mergeable (not well-known, not pinned) literal children of which at least
 * {@link TemplaterSettings#lightFraction()} are light (at most {@link TemplaterSettings#lightHits()}
 * calls each), or more than {@link TemplaterSettings#maxLiteralChildren()} of them whatever their
 * traffic, the mergeable children are merged, subtrees included, into one {@code {param}} child. A
 * child that already carries {@link TemplaterSettings#splitShare()} of the node's calls (and at least
 * {@link TemplaterSettings#minSplitHits()}) is kept and pinned instead. The same happens when at least
 * {@link TemplaterSettings#codeMergeThreshold()} mergeable siblings are all codes (two or three letters
 * of one length and case: {@code de, fr}; {@code EUR, USD}). Later new words at that node go to
 * {@code {param}} directly, and so do typed values ({@code jdoe1984} among {@code jdoe, asmith}): once a
 * position is a parameter, its typed children join it, so that their subtrees do not grow apart.
 * Versions stay literal only while a node has at most {@value #MAX_PROTECTED_VERSIONS} of them; one more
 * and they are release tags, words like any other.
 *
 * <h2>Splitting</h2>
 * A merged {@code {param}} tracks its most frequent values (Space-Saving, counts exact since a value
 * entered the table). A value becomes a pinned literal again when, counted exactly, it has at least
 * {@code minSplitHits} calls and either carries {@code splitShare} of the parameter's calls or carries
 * 90% of the parameter's calls of some method (a {@code POST /orders/export} among
 * {@code GET /orders/{slug}}). Well-known words never enter a parameter in the first place. The calls
 * a value had before it was split stay counted in {@code {param}}.
 *
 * <h2>Consistency</h2>
 * Everything is deterministic: the same calls in the same order give the same trie and templates
 * (insertion-ordered maps, no randomness, no hash order). {@link #generation()} changes whenever a
 * merge or split changes what an existing template maps to; {@link #templateOf(String)} re-templates a
 * raw path <em>or an earlier template</em> against the current trie, so a caller can re-key what it
 * stored under old templates.
 *
 * <h2>Bounded memory</h2>
 * At most {@link TemplaterSettings#maxNodes()} nodes (and, inside an {@link InventoryBuilder}, a node
 * budget shared by all services), at most {@code 2 × maxLiteralChildren} literal
 * children per node, {@link TemplaterSettings#heavyValues()} tracked values per parameter, at most
 * {@link TemplaterSettings#maxSplitsPerNode()} splits per parameter, and at most
 * {@link TemplaterSettings#maxDepth()} segments per path. When the node budget is spent, new words
 * are templated by shape alone and words that are not well-known become {@code {param}}.
 *
 * <p>Not thread-safe: one instance per service, used under its owner's lock.
 */
public final class PathTemplater {

    /** Version segments ({@code v1}) kept literal per node; past it they are ordinary words. */
    static final int MAX_PROTECTED_VERSIONS = 4;
    private static final String PARAM_LABEL = TemplateNode.PARAM_LABEL;

    private final TemplaterSettings settings;
    private final NodeCounter nodes;
    private final SiblingMerger merger;
    private final TemplateNode root = new TemplateNode(null, "", SegmentKind.WORD);
    private long splits;
    private long budgetFallbacks;
    private long depthFallbacks;

    /** A templater with {@link TemplaterSettings#defaults()}. */
    public PathTemplater() {
        this(TemplaterSettings.defaults());
    }

    public PathTemplater(TemplaterSettings settings) {
        this(settings, MemoryBudget.unlimited());
    }

    /** A templater whose nodes also count against {@code budget}, shared with other services. */
    PathTemplater(TemplaterSettings settings, MemoryBudget budget) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nodes = new NodeCounter(settings.maxNodes(), Objects.requireNonNull(budget, "budget"));
        this.merger = new SiblingMerger(settings, nodes);
    }

    /**
     * Learns from one call and returns its template. {@code path} is the path part of the request
     * target, without query or fragment; empty segments and matrix parameters ({@code ;jsessionid=…})
     * are ignored.
     */
    public TemplatedPath learn(String method, String path) {
        return learn(method, path, 0, path.length());
    }

    /** As {@link #learn(String, String)} for the path {@code s[from, to)}. */
    public TemplatedPath learn(String method, String s, int from, int to) {
        int m = methodIndex(method);
        TemplateNode node = root;
        node.visit(m);
        long numeric = 0;
        SegmentCursor segment = new SegmentCursor(s, from, to);
        while (segment.advance()) {
            int depth = segment.depth();
            if (depth == settings.maxDepth()) {
                depthFallbacks++;
                return new TemplatedPath(node.template(generation()) + "/" + PARAM_LABEL, numeric);
            }
            SegmentKind kind = segment.classify();
            TemplateNode next;
            if (kind.isParameter()) {
                if (kind == SegmentKind.ID && segment.isAllDigits()) {
                    numeric |= 1L << depth;
                }
                next = node.param != null ? node.param : node.typed(kind);
                if (next == null && nodes.tryGrow()) {
                    next = node.addTyped(kind);
                }
            } else {
                next = route(node, segment.literal(), kind, m);
            }
            if (next == null) {
                budgetFallbacks++;
                return byShape(node, segment, numeric, false);
            }
            next.visit(m);
            node = next;
        }
        return new TemplatedPath(node.template(generation()), numeric);
    }

    /**
     * The template of a raw path, or of a template produced earlier, under the current trie, without
     * learning. Placeholders in the input ({@code {id}}, {@code {param}}) match the corresponding
     * parameters. For a path the trie never saw, the result is what {@link #learn} would return for it
     * first.
     */
    public String templateOf(String pathOrTemplate) {
        TemplateNode node = root;
        SegmentCursor segment = new SegmentCursor(pathOrTemplate, 0, pathOrTemplate.length());
        while (segment.advance()) {
            if (segment.depth() == settings.maxDepth()) {
                return node.template(generation()) + "/" + PARAM_LABEL;
            }
            TemplateNode next;
            SegmentKind placeholder = segment.placeholder();
            if (placeholder != null) {
                next = node.param != null ? node.param : node.typed(placeholder);
            } else {
                SegmentKind kind = segment.classify();
                if (kind.isParameter()) {
                    next = node.param != null ? node.param : node.typed(kind);
                } else {
                    String value = segment.literal();
                    next = node.literal(value);
                    if (next == null && !isProtected(node, value, kind)) {
                        next = node.param;
                    }
                }
            }
            if (next == null) {
                return byShape(node, segment, 0, nodes.hasRoom()).template();
            }
            node = next;
        }
        return node.template(generation());
    }

    /**
     * Changes whenever a merge or split changes what an existing template maps to: the number of
     * merges and splits so far.
     */
    public long generation() {
        return merger.merges() + splits;
    }

    /** Trie nodes in use (the root included). */
    public int nodeCount() {
        return nodes.count();
    }

    public TemplaterStats stats() {
        return new TemplaterStats(nodes.count(), generation(), merger.merges(), splits, budgetFallbacks, depthFallbacks);
    }

    // --- learning -------------------------------------------------------------------------------

    private TemplateNode route(TemplateNode node, String value, SegmentKind kind, int m) {
        TemplateNode literal = node.literal(value);
        if (literal != null) {
            return literal;
        }
        boolean protectedWord = isProtected(node, value, kind);
        if (kind == SegmentKind.VERSION && !protectedWord && node.versions == MAX_PROTECTED_VERSIONS) {
            unprotectVersions(node);
        }
        if (!protectedWord && node.param != null) {
            return toParam(node, value, m);
        }
        if (node.literals != null && node.literals.size() >= 2 * settings.maxLiteralChildren()) {
            merger.merge(node); // the per-node cap: even well-known words and versions go to {param} now
            return toParam(node, value, m);
        }
        if (!nodes.tryGrow()) {
            return null;
        }
        literal = node.addLiteral(value, protectedWord);
        if (kind == SegmentKind.VERSION && protectedWord) {
            node.versions++;
            literal.version = true;
        }
        if (!protectedWord && merger.shouldMerge(node)) {
            merger.merge(node);
            TemplateNode kept = node.literal(value);
            return kept != null ? kept : toParam(node, value, m);
        }
        return literal;
    }

    private boolean isProtected(TemplateNode node, String value, SegmentKind kind) {
        if (node.literals != null && node.literals.size() >= 2 * settings.maxLiteralChildren()) {
            return false;
        }
        if (kind == SegmentKind.VERSION) {
            // /v1, /v2 are API versions; many of them at one position are release tags (values)
            return node.versions < MAX_PROTECTED_VERSIONS;
        }
        return isWellKnown(value);
    }

    /**
     * A well-known word, unless written in capitals only ({@code ADD}, {@code API}): short upper-case
     * words in paths are codes (airports, currencies, countries), not endpoint names.
     */
    static boolean isWellKnown(String value) {
        boolean capitals = value.length() > 1;
        for (int i = 0; i < value.length() && capitals; i++) {
            char c = value.charAt(i);
            capitals = c >= 'A' && c <= 'Z';
        }
        return !capitals && WellKnownWords.contains(value);
    }

    /**
     * One version too many at {@code node}: its versions are values (release tags), so the ones kept so
     * far become ordinary words that cardinality may merge. Versions at this node are not protected again.
     */
    private void unprotectVersions(TemplateNode node) {
        node.versions = MAX_PROTECTED_VERSIONS + 1;
        for (TemplateNode child : node.literals.values()) {
            if (child.version) {
                child.protectedWord = false;
            }
        }
    }

    private TemplateNode toParam(TemplateNode node, String value, int m) {
        TemplateNode param = node.param;
        HeavyValues.Entry entry = param.heavy(settings.heavyValues()).offer(value, m);
        if (shouldSplit(node, param, entry, m) && nodes.tryGrow()) {
            TemplateNode literal = node.addLiteral(entry.value, false);
            literal.pinned = true;
            node.splits++;
            param.heavy(settings.heavyValues()).remove(entry);
            splits++;
            return literal;
        }
        return param;
    }

    private boolean shouldSplit(TemplateNode node, TemplateNode param, HeavyValues.Entry e, int m) {
        if (node.splits >= settings.maxSplitsPerNode()) {
            return false;
        }
        long sure = e.count - e.error;
        if (sure < settings.minSplitHits()) {
            return false;
        }
        // param.hits does not include this call yet; e.count does.
        if (sure >= settings.splitShare() * (param.hits + 1)) {
            return true;
        }
        long byMethod = e.methodHits[m];
        return byMethod >= settings.minSplitHits() && byMethod >= 0.9 * (param.methodHits[m] + 1);
    }

    // --- read-only helpers ----------------------------------------------------------------------

    /**
     * Templates the rest of the path below {@code node} by shape alone, starting at the current
     * segment: typed segments become their placeholder, versions and well-known words stay, other
     * words stay only if {@code keepWords}.
     */
    private TemplatedPath byShape(TemplateNode node, SegmentCursor segment, long numeric, boolean keepWords) {
        StringBuilder out = new StringBuilder(node.template(generation()));
        if (out.length() == 1) {
            out.setLength(0);
        }
        do {
            out.append('/');
            int depth = segment.depth();
            if (depth == settings.maxDepth()) {
                out.append(PARAM_LABEL);
                break;
            }
            SegmentKind placeholder = segment.placeholder();
            SegmentKind kind = placeholder != null ? placeholder : segment.classify();
            if (kind.isParameter()) {
                if (placeholder == null && kind == SegmentKind.ID && segment.isAllDigits()) {
                    numeric |= 1L << depth;
                }
                out.append(kind.placeholder());
            } else {
                String value = segment.literal();
                out.append(keepWords || kind == SegmentKind.VERSION || isWellKnown(value) ? value : PARAM_LABEL);
            }
        } while (segment.advance());
        return new TemplatedPath(out.isEmpty() ? "/" : out.toString(), numeric);
    }

    static int methodIndex(String method) {
        return switch (method) {
            case "GET" -> 0;
            case "POST" -> 1;
            case "PUT" -> 2;
            case "PATCH" -> 3;
            case "DELETE" -> 4;
            case "HEAD" -> 5;
            case "OPTIONS" -> 6;
            default -> 7;
        };
    }
}
