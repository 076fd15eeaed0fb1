package io.perimeter.analyzer.discovery;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/** One node of a {@link PathTemplater} trie: a literal word, a typed parameter or a merged {@code {param}}. */
final class TemplateNode {
    /** Method slots counted per node ({@link PathTemplater#methodIndex(String)}). */
    static final int METHODS = 8;
    static final String PARAM_LABEL = SegmentKind.PARAM.placeholder();
    private static final SegmentKind[] KINDS = SegmentKind.values();

    TemplateNode parent;
    final String label;
    final SegmentKind kind;
    boolean protectedWord;
    boolean pinned;
    LinkedHashMap<String, TemplateNode> literals;
    TemplateNode[] typed;
    TemplateNode param;
    long hits;
    final long[] methodHits = new long[METHODS];
    HeavyValues heavy;
    int splits;
    int versions;
    boolean version;
    private String template;
    private long templateGeneration = -1;

    TemplateNode(TemplateNode parent, String label, SegmentKind kind) {
        this.parent = parent;
        this.label = label;
        this.kind = kind;
    }

    void visit(int method) {
        hits++;
        methodHits[method]++;
    }

    TemplateNode literal(String value) {
        return literals == null ? null : literals.get(value);
    }

    TemplateNode typed(SegmentKind k) {
        return typed == null ? null : typed[k.ordinal()];
    }

    TemplateNode addLiteral(String value, boolean protectedWord) {
        TemplateNode child = new TemplateNode(this, value, SegmentKind.WORD);
        child.protectedWord = protectedWord;
        putLiteral(child);
        return child;
    }

    void putLiteral(TemplateNode child) {
        if (literals == null) {
            literals = new LinkedHashMap<>();
        }
        literals.put(child.label, child);
    }

    TemplateNode addTyped(SegmentKind k) {
        TemplateNode child = new TemplateNode(this, k.placeholder(), k);
        putTyped(child);
        return child;
    }

    void putTyped(TemplateNode child) {
        if (typed == null) {
            typed = new TemplateNode[KINDS.length];
        }
        typed[child.kind.ordinal()] = child;
    }

    TemplateNode addParam() {
        param = new TemplateNode(this, PARAM_LABEL, SegmentKind.PARAM);
        return param;
    }

    /** The tracked values of this parameter, created with {@code capacity} slots on first use. */
    HeavyValues heavy(int capacity) {
        if (heavy == null) {
            heavy = new HeavyValues(capacity, METHODS);
        }
        return heavy;
    }

    List<TemplateNode> children() {
        List<TemplateNode> out = new ArrayList<>();
        if (literals != null) {
            out.addAll(literals.values());
        }
        if (typed != null) {
            for (TemplateNode n : typed) {
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

    /** This node's template, cached until {@code generation} changes. */
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
