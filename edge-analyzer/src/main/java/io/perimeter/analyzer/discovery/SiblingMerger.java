package io.perimeter.analyzer.discovery;

import java.util.Iterator;
import java.util.List;

/**
 * Cardinality merging for a {@link PathTemplater} trie: decides when the literal children of a node
 * are values of a parameter and merges them, subtrees included, into one {@code {param}} child (see the
 * class comment of {@link PathTemplater}). Not thread-safe.
 */
final class SiblingMerger {
    private final TemplaterSettings settings;
    private final NodeCounter nodes;
    private long merges;

    SiblingMerger(TemplaterSettings settings, NodeCounter nodes) {
        this.settings = settings;
        this.nodes = nodes;
    }

    /** Merges done so far; each one changed what existing templates map to. */
    long merges() {
        return merges;
    }

    boolean shouldMerge(TemplateNode node) {
        int candidates = 0;
        int light = 0;
        for (TemplateNode child : node.literals.values()) {
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
    private static boolean allCodes(TemplateNode node) {
        int length = -1;
        int caseClass = 0;
        for (TemplateNode child : node.literals.values()) {
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

    void merge(TemplateNode node) {
        TemplateNode param = node.param;
        if (param == null) {
            param = node.addParam(); // may pass the budget by one: the merge frees more right after
            nodes.force();
        }
        long heavyFloor = Math.max(settings.minSplitHits(), (long) Math.ceil(settings.splitShare() * node.hits));
        Iterator<TemplateNode> it = node.literals.values().iterator();
        while (it.hasNext()) {
            TemplateNode child = it.next();
            if (child.protectedWord || child.pinned) {
                continue;
            }
            if (child.hits >= heavyFloor) {
                child.pinned = true;
                continue;
            }
            it.remove();
            param.heavy(settings.heavyValues()).seed(child.label, child.hits, 0, child.methodHits);
            absorb(param, child);
        }
        joinParam(node);
        merges++;
        settle(param);
    }

    /** Moves everything {@code src} learned into {@code dst}; {@code src} is dropped. */
    private void absorb(TemplateNode dst, TemplateNode src) {
        dst.hits += src.hits;
        for (int m = 0; m < TemplateNode.METHODS; m++) {
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
            for (TemplateNode child : src.literals.values()) {
                TemplateNode existing = dst.literal(child.label);
                if (existing != null) {
                    absorb(existing, child);
                } else {
                    child.parent = dst;
                    dst.putLiteral(child);
                }
            }
        }
        if (src.typed != null) {
            for (TemplateNode child : src.typed) {
                if (child == null) {
                    continue;
                }
                TemplateNode existing = dst.typed(child.kind);
                if (existing != null) {
                    absorb(existing, child);
                } else {
                    child.parent = dst;
                    dst.putTyped(child);
                }
            }
        }
        if (src.heavy != null && dst.kind == SegmentKind.PARAM) {
            src.heavy.forEach(e -> dst.heavy(settings.heavyValues()).seed(e.value, e.count, e.error, e.methodHits));
        }
        dst.splits = Math.max(dst.splits, src.splits);
        nodes.release();
        if (dst.param != null) {
            joinParam(dst);
        }
    }

    /**
     * {@code node} has a merged parameter: its mergeable words and typed children are values of that
     * parameter, so they join it (after subtrees were combined, some may have arrived from elsewhere).
     */
    private void joinParam(TemplateNode node) {
        TemplateNode param = node.param;
        if (node.literals != null) {
            Iterator<TemplateNode> it = node.literals.values().iterator();
            while (it.hasNext()) {
                TemplateNode child = it.next();
                if (!child.protectedWord && !child.pinned) {
                    it.remove();
                    param.heavy(settings.heavyValues()).seed(child.label, child.hits, 0, child.methodHits);
                    absorb(param, child);
                }
            }
        }
        if (node.typed != null) {
            // Cardinality proved this position a parameter: typed values here (jdoe1984 among jdoe,
            // asmith) are the same parameter, so their subtrees join it instead of growing apart.
            TemplateNode[] typed = node.typed;
            node.typed = null;
            for (TemplateNode child : typed) {
                if (child != null) {
                    absorb(param, child);
                }
            }
        }
    }

    /** After a merge, merges again wherever the absorbed subtrees now show cardinality. */
    private void settle(TemplateNode node) {
        if (node.literals != null && node.param == null && !node.literals.isEmpty() && shouldMerge(node)) {
            merge(node); // settles the new parameter itself
        }
        List<TemplateNode> children = node.children();
        for (TemplateNode child : children) {
            if (child.parent == node) { // not absorbed meanwhile
                settle(child);
            }
        }
    }
}
