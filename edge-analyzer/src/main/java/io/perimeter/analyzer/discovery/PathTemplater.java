package io.perimeter.analyzer.discovery;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static final int METHODS = 8;
    /** Version segments ({@code v1}) kept literal per node; past it they are ordinary words. */
    static final int MAX_PROTECTED_VERSIONS = 4;
    private static final String PARAM_LABEL = SegmentKind.PARAM.placeholder();
    private static final SegmentKind[] KINDS = SegmentKind.values();

    private final TemplaterSettings settings;
    private final MemoryBudget budget;
    private final Node root = new Node(null, "", SegmentKind.WORD);
    private int nodes = 1;
    private long generation;
    private long merges;
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
        this.budget = Objects.requireNonNull(budget, "budget");
        budget.force(1); // the root
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
        Node node = root;
        node.visit(m);
        long numeric = 0;
        int depth = 0;
        int i = from;
        while (i < to) {
            if (s.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = indexOf(s, '/', i, to);
            int segEnd = indexOf(s, ';', i, end);
            if (segEnd == i) {
                i = end;
                continue;
            }
            if (depth == settings.maxDepth()) {
                depthFallbacks++;
                return new TemplatedPath(node.template(generation) + "/" + PARAM_LABEL, numeric);
            }
            SegmentKind kind = SegmentShapes.classify(s, i, segEnd);
            Node next;
            if (kind.isParameter()) {
                if (kind == SegmentKind.ID && SegmentShapes.isAllDigits(s, i, segEnd)) {
                    numeric |= 1L << depth;
                }
                next = node.param != null ? node.param : node.typed(kind);
                if (next == null && grow()) {
                    next = node.addTyped(kind);
                }
            } else {
                next = route(node, literal(s, i, segEnd), kind, m);
            }
            if (next == null) {
                budgetFallbacks++;
                return byShape(node, s, i, to, depth, numeric, false);
            }
            next.visit(m);
            node = next;
            depth++;
            i = end;
        }
        return new TemplatedPath(node.template(generation), numeric);
    }

    /**
     * The template of a raw path, or of a template produced earlier, under the current trie, without
     * learning. Placeholders in the input ({@code {id}}, {@code {param}}) match the corresponding
     * parameters. For a path the trie never saw, the result is what {@link #learn} would return for it
     * first.
     */
    public String templateOf(String pathOrTemplate) {
        String s = pathOrTemplate;
        int to = s.length();
        Node node = root;
        int depth = 0;
        int i = 0;
        while (i < to) {
            if (s.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = indexOf(s, '/', i, to);
            int segEnd = indexOf(s, ';', i, end);
            if (segEnd == i) {
                i = end;
                continue;
            }
            if (depth == settings.maxDepth()) {
                return node.template(generation) + "/" + PARAM_LABEL;
            }
            Node next;
            SegmentKind placeholder = SegmentKind.ofPlaceholder(s, i, segEnd);
            if (placeholder != null) {
                next = node.param != null ? node.param : node.typed(placeholder);
            } else {
                SegmentKind kind = SegmentShapes.classify(s, i, segEnd);
                if (kind.isParameter()) {
                    next = node.param != null ? node.param : node.typed(kind);
                } else {
                    String value = literal(s, i, segEnd);
                    next = node.literal(value);
                    if (next == null && !isProtected(node, value, kind)) {
                        next = node.param;
                    }
                }
            }
            if (next == null) {
                return byShape(node, s, i, to, depth, 0, nodes < settings.maxNodes() && budget.available()).template();
            }
            node = next;
            depth++;
            i = end;
        }
        return node.template(generation);
    }

    /** Counts one new node if the service cap and the shared budget allow it. */
    private boolean grow() {
        if (nodes >= settings.maxNodes() || !budget.tryTake()) {
            return false;
        }
        nodes++;
        return true;
    }

    /** Changes whenever a merge or split changes what an existing template maps to. */
    public long generation() {
        return generation;
    }

    /** Trie nodes in use (the root included). */
    public int nodeCount() {
        return nodes;
    }

    public TemplaterStats stats() {
        return new TemplaterStats(nodes, generation, merges, splits, budgetFallbacks, depthFallbacks);
    }

    // --- learning -------------------------------------------------------------------------------

    private Node route(Node node, String value, SegmentKind kind, int m) {
        Node literal = node.literal(value);
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
            merge(node); // the per-node cap: even well-known words and versions go to {param} now
            return toParam(node, value, m);
        }
        if (!grow()) {
            return null;
        }
        literal = node.addLiteral(value, protectedWord);
        if (kind == SegmentKind.VERSION && protectedWord) {
            node.versions++;
            literal.version = true;
        }
        if (!protectedWord && shouldMerge(node)) {
            merge(node);
            Node kept = node.literal(value);
            return kept != null ? kept : toParam(node, value, m);
        }
        return literal;
    }

    private boolean isProtected(Node node, String value, SegmentKind kind) {
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
    private void unprotectVersions(Node node) {
        node.versions = MAX_PROTECTED_VERSIONS + 1;
        for (Node child : node.literals.values()) {
            if (child.version) {
                child.protectedWord = false;
            }
        }
    }

    private Node toParam(Node node, String value, int m) {
        Node param = node.param;
        HeavyValues.Entry entry = param.heavy().offer(value, m);
        if (shouldSplit(node, param, entry, m) && grow()) {
            Node literal = node.addLiteral(entry.value, false);
            literal.pinned = true;
            node.splits++;
            param.heavy().remove(entry);
            splits++;
            generation++;
            return literal;
        }
        return param;
    }

    private boolean shouldSplit(Node node, Node param, HeavyValues.Entry e, int m) {
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

    private boolean shouldMerge(Node node) {
        int candidates = 0;
        int light = 0;
        for (Node child : node.literals.values()) {
            if (!child.protectedWord && !child.pinned) {
                candidates++;
                if (child.hits <= settings.lightHits()) {
                    light++;
                }
            }
        }
        if (candidates > settings.maxLiteralChildren()) {
            return true;
        }
        if (candidates >= settings.mergeThreshold() && light >= settings.lightFraction() * candidates) {
            return true;
        }
        return candidates >= settings.codeMergeThreshold() && allCodes(node);
    }

    /**
     * True when every mergeable child is a code: two or three letters, all of one length and one case
     * ({@code de, fr, it}, {@code EUR, USD}, {@code FRA, LHR}). Endpoint names at one level differ in length.
     */
    private static boolean allCodes(Node node) {
        int length = -1;
        int caseClass = 0;
        for (Node child : node.literals.values()) {
            if (child.protectedWord || child.pinned) {
                continue;
            }
            String v = child.label;
            int cls = letterCase(v);
            if (v.length() < 2 || v.length() > 3 || cls == 0 || length >= 0 && (v.length() != length || cls != caseClass)) {
                return false;
            }
            length = v.length();
            caseClass = cls;
        }
        return length > 0;
    }

    /** 1 when all ASCII lower-case letters, 2 when all upper-case, else 0. */
    private static int letterCase(String v) {
        boolean lower = true;
        boolean upper = true;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            lower &= c >= 'a' && c <= 'z';
            upper &= c >= 'A' && c <= 'Z';
        }
        return lower ? 1 : upper ? 2 : 0;
    }

    private void merge(Node node) {
        Node param = node.param;
        if (param == null) {
            param = node.addParam(); // may pass the budget by one: the merge frees more right after
            nodes++;
            budget.force(1);
        }
        long heavyFloor = Math.max(settings.minSplitHits(), (long) Math.ceil(settings.splitShare() * node.hits));
        Iterator<Node> it = node.literals.values().iterator();
        while (it.hasNext()) {
            Node child = it.next();
            if (child.protectedWord || child.pinned) {
                continue;
            }
            if (child.hits >= heavyFloor) {
                child.pinned = true;
                continue;
            }
            it.remove();
            param.heavy().seed(child.label, child.hits, 0, child.methodHits);
            absorb(param, child);
        }
        joinParam(node);
        merges++;
        generation++;
        settle(param);
    }

    /** Moves everything {@code src} learned into {@code dst}; {@code src} is dropped. */
    private void absorb(Node dst, Node src) {
        dst.hits += src.hits;
        for (int m = 0; m < METHODS; m++) {
            dst.methodHits[m] += src.methodHits[m];
        }
        if (src.param != null) {
            if (dst.param != null) {
                absorb(dst.param, src.param);
            } else {
                src.param.parent = dst;
                dst.param = src.param;
            }
        }
        if (src.literals != null) {
            for (Node child : src.literals.values()) {
                Node existing = dst.literal(child.label);
                if (existing != null) {
                    absorb(existing, child);
                } else {
                    child.parent = dst;
                    dst.putLiteral(child);
                }
            }
        }
        if (src.typed != null) {
            for (Node child : src.typed) {
                if (child == null) {
                    continue;
                }
                Node existing = dst.typed(child.kind);
                if (existing != null) {
                    absorb(existing, child);
                } else {
                    child.parent = dst;
                    dst.putTyped(child);
                }
            }
        }
        if (src.heavy != null && dst.kind == SegmentKind.PARAM) {
            src.heavy.forEach(e -> dst.heavy().seed(e.value, e.count, e.error, e.methodHits));
        }
        dst.splits = Math.max(dst.splits, src.splits);
        nodes--;
        budget.release(1);
        if (dst.param != null) {
            joinParam(dst);
        }
    }

    /**
     * {@code node} has a merged parameter: its mergeable words and typed children are values of that
     * parameter, so they join it (after subtrees were combined, some may have arrived from elsewhere).
     */
    private void joinParam(Node node) {
        Node param = node.param;
        if (node.literals != null) {
            Iterator<Node> it = node.literals.values().iterator();
            while (it.hasNext()) {
                Node child = it.next();
                if (!child.protectedWord && !child.pinned) {
                    it.remove();
                    param.heavy().seed(child.label, child.hits, 0, child.methodHits);
                    absorb(param, child);
                }
            }
        }
        if (node.typed != null) {
            // Cardinality proved this position a parameter: typed values here (jdoe1984 among jdoe,
            // asmith) are the same parameter, so their subtrees join it instead of growing apart.
            Node[] typed = node.typed;
            node.typed = null;
            for (Node child : typed) {
                if (child != null) {
                    absorb(param, child);
                }
            }
        }
    }

    /** After a merge, merges again wherever the absorbed subtrees now show cardinality. */
    private void settle(Node node) {
        if (node.literals != null && node.param == null && !node.literals.isEmpty() && shouldMerge(node)) {
            merge(node); // settles the new parameter itself
        }
        List<Node> children = node.children();
        for (Node child : children) {
            if (child.parent == node) { // not absorbed meanwhile
                settle(child);
            }
        }
    }

    // --- read-only helpers ----------------------------------------------------------------------

    /**
     * Templates {@code s[i, to)} below {@code node} by shape alone: typed segments become their
     * placeholder, versions and well-known words stay, other words stay only if {@code keepWords}.
     */
    private TemplatedPath byShape(Node node, String s, int i, int to, int depth, long numeric, boolean keepWords) {
        StringBuilder out = new StringBuilder(node.template(generation));
        if (out.length() == 1) {
            out.setLength(0);
        }
        while (i < to) {
            if (s.charAt(i) == '/') {
                i++;
                continue;
            }
            int end = indexOf(s, '/', i, to);
            int segEnd = indexOf(s, ';', i, end);
            if (segEnd == i) {
                i = end;
                continue;
            }
            out.append('/');
            if (depth == settings.maxDepth()) {
                out.append(PARAM_LABEL);
                break;
            }
            SegmentKind placeholder = SegmentKind.ofPlaceholder(s, i, segEnd);
            SegmentKind kind = placeholder != null ? placeholder : SegmentShapes.classify(s, i, segEnd);
            if (kind.isParameter()) {
                if (placeholder == null && kind == SegmentKind.ID && SegmentShapes.isAllDigits(s, i, segEnd)) {
                    numeric |= 1L << depth;
                }
                out.append(kind.placeholder());
            } else {
                String value = literal(s, i, segEnd);
                out.append(keepWords || kind == SegmentKind.VERSION || isWellKnown(value) ? value : PARAM_LABEL);
            }
            depth++;
            i = end;
        }
        return new TemplatedPath(out.isEmpty() ? "/" : out.toString(), numeric);
    }

    private static String literal(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                String decoded = SegmentShapes.percentDecode(s, from, to);
                return decoded != null ? decoded : s.substring(from, to);
            }
        }
        return s.substring(from, to);
    }

    private static int indexOf(String s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return to;
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

    /** One trie node: a literal word, a typed parameter or a merged {@code {param}}. */
    private final class Node {
        Node parent;
        final String label;
        final SegmentKind kind;
        boolean protectedWord;
        boolean pinned;
        LinkedHashMap<String, Node> literals;
        Node[] typed;
        Node param;
        long hits;
        final long[] methodHits = new long[METHODS];
        HeavyValues heavy;
        int splits;
        int versions;
        boolean version;
        String template;
        long templateGeneration = -1;

        Node(Node parent, String label, SegmentKind kind) {
            this.parent = parent;
            this.label = label;
            this.kind = kind;
        }

        void visit(int method) {
            hits++;
            methodHits[method]++;
        }

        Node literal(String value) {
            return literals == null ? null : literals.get(value);
        }

        Node typed(SegmentKind k) {
            return typed == null ? null : typed[k.ordinal()];
        }

        Node addLiteral(String value, boolean protectedWord) {
            Node child = new Node(this, value, SegmentKind.WORD);
            child.protectedWord = protectedWord;
            putLiteral(child);
            return child;
        }

        void putLiteral(Node child) {
            if (literals == null) {
                literals = new LinkedHashMap<>();
            }
            literals.put(child.label, child);
        }

        Node addTyped(SegmentKind k) {
            Node child = new Node(this, k.placeholder(), k);
            putTyped(child);
            return child;
        }

        void putTyped(Node child) {
            if (typed == null) {
                typed = new Node[KINDS.length];
            }
            typed[child.kind.ordinal()] = child;
        }

        Node addParam() {
            param = new Node(this, PARAM_LABEL, SegmentKind.PARAM);
            return param;
        }

        HeavyValues heavy() {
            if (heavy == null) {
                heavy = new HeavyValues(settings.heavyValues(), METHODS);
            }
            return heavy;
        }

        List<Node> children() {
            List<Node> out = new ArrayList<>();
            if (literals != null) {
                out.addAll(literals.values());
            }
            if (typed != null) {
                for (Node n : typed) {
                    if (n != null) {
                        out.add(n);
                    }
                }
            }
            if (param != null) {
                out.add(param);
            }
            return out;
        }

        String template(long generation) {
            if (templateGeneration != generation || template == null) {
                if (parent == null) {
                    template = "/";
                } else {
                    String p = parent.template(generation);
                    template = p.length() == 1 ? "/" + label : p + "/" + label;
                }
                templateGeneration = generation;
            }
            return template;
        }
    }
}
