package io.perimeter.analyzer.findings;

import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Makes the names a finding's evidence carries fit the perimeter contract before they are stored: a field path in the
 * contract's notation ({@code cards[].number}) with every part that is not an identifier replaced by {@code {key}},
 * a header name only if it is a token, a fact name only if it is camelCase. The patterns are the contract schema's.
 * The contract forms of up to {@value #REMEMBERED_PATHS} field paths are remembered (a path's form depends on the path
 * alone, and every occurrence of a finding names its field again); the table is emptied when full. Thread-safe.
 */
final class EvidenceNames {
    private static final Pattern ARRAY_INDEX = Pattern.compile("\\[[0-9]*]");
    private static final Pattern FORM_BRACKET = Pattern.compile("\\[([^\\]]+)]");
    static final int MAX_FIELD_PATH = 512;
    static final int REMEMBERED_PATHS = 4_096;
    private static final ConcurrentHashMap<String, String> CONTRACT_PATHS = new ConcurrentHashMap<>();

    private EvidenceNames() {}

    /**
     * The contract form of a field path given as {@code a.b}, {@code a[0].b}, {@code a[].b} or {@code user[address]}
     * (form bracket notation); null for null or blank input.
     */
    static String fieldPath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        if (path.length() > MAX_FIELD_PATH) {
            return contractPath(path);
        }
        String known = CONTRACT_PATHS.get(path);
        if (known == null) {
            known = contractPath(path);
            if (CONTRACT_PATHS.size() >= REMEMBERED_PATHS) {
                CONTRACT_PATHS.clear();
            }
            CONTRACT_PATHS.put(path, known);
        }
        return known;
    }

    /** What {@link #fieldPath} answers for a path that is not blank, worked out (what it remembers). */
    static String contractPath(String path) {
        // form brackets (user[address][zip]) become dots; array indexes become []
        String normalised = path;
        if (hasIndexOrBracketName(path)) {
            normalised = ARRAY_INDEX.matcher(normalised).replaceAll("[]");
            normalised = FORM_BRACKET.matcher(normalised).replaceAll(".$1");
        }
        StringBuilder out = new StringBuilder(normalised.length());
        for (String part : normalised.split("\\.", -1)) {
            String name = part;
            boolean array = false;
            while (name.endsWith("[]")) {
                name = name.substring(0, name.length() - 2);
                array = true;
            }
            if (!out.isEmpty()) {
                out.append('.');
            }
            out.append(safeKey(name));
            if (array) {
                out.append("[]");
            }
        }
        return out.length() <= MAX_FIELD_PATH ? out.toString() : "{key}";
    }

    /** Whether {@code path} has a bracket other than {@code []}, which the regular expressions rewrite. */
    private static boolean hasIndexOrBracketName(String path) {
        for (int i = path.indexOf('['); i >= 0; i = path.indexOf('[', i + 1)) {
            if (i + 1 == path.length() || path.charAt(i + 1) != ']') {
                return true;
            }
        }
        return false;
    }

    /**
     * A single JSON key or name part as evidence may carry it: the key itself when it is an identifier that does not
     * look like a value, else {@code {key}}. Values used as keys (maps keyed by e-mail, id, date or token) have dots,
     * {@code @}, many digits or a random mix of cases and digits.
     */
    static String safeKey(String key) {
        if (key.equals("{key}")) {
            return key;
        }
        if (!isFieldName(key)) {
            return "{key}";
        }
        int digits = 0;
        int letters = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (Character.isLetter(c)) {
                letters++;
                upper |= Character.isUpperCase(c);
                lower |= Character.isLowerCase(c);
            }
        }
        boolean idLike = digits >= 4 && digits * 2 >= letters;
        boolean tokenLike = key.length() >= 20 && upper && lower && digits > 0;
        return idLike || tokenLike ? "{key}" : key;
    }

    /** {@code [A-Za-z_$][A-Za-z0-9_$-]{0,63}}, the contract's field name, without a regular expression (hot path). */
    private static boolean isFieldName(String key) {
        if (key.isEmpty() || key.length() > 64) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean letter = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '$';
            if (!(letter || i > 0 && (c >= '0' && c <= '9' || c == '-'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A query or form parameter name as evidence may carry it ({@code user[address][zip]} → {@code user.address.zip}):
     * {@code {key}} as a whole when any part of it looks like a value.
     */
    static String parameterName(String raw) {
        String path = fieldPath(raw);
        return path == null || path.contains("{key}") ? "{key}" : path;
    }

    /** {@code [A-Za-z0-9][A-Za-z0-9-]{0,63}}, the contract's header name, without a regular expression (every call). */
    static boolean isHeaderName(String name) {
        if (name == null || name.isEmpty() || name.length() > 64) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || i > 0 && c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z][A-Za-z0-9]{0,39}}, the contract's fact name, without a regular expression. */
    static boolean isFactName(String name) {
        if (name == null || name.isEmpty() || name.length() > 40 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isAsciiLetterOrDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }
}
