package io.perimeter.cloud.playbooks.policy;

import java.util.Map;
import java.util.Optional;

/**
 * The request syntax a block-pattern policy refuses, per attack rule of the analyzer. Fixed here, never derived from
 * traffic (evidence carries no values). Written for the raw, still percent-encoded query string that nginx and
 * Envoy see ({@code %27} for a quote, {@code +} or {@code %20} for a space), in the subset of syntax that PCRE, RE2
 * and Rust regex share. A pattern is a mitigation for a known probe shape, not a complete filter: the fix is in code.
 */
public final class AttackPatterns {
    private static final String SPACE = "(\\s|\\+|%20|%09)";
    private static final String QUOTE = "('|%27|\\x22)";
    private static final Map<String, String> BY_RULE = Map.of(
            "ATTACK-SQL-INJECTION", "(?i)(union" + SPACE + "+(all" + SPACE + "+)?select" + "|" + QUOTE + SPACE
                    + "*(or|and)" + SPACE + "+" + QUOTE + "?[0-9a-z]+" + QUOTE + "?" + SPACE + "*(=|%3D)"
                    + "|sleep" + SPACE + "*(\\(|%28)" + "|;" + SPACE + "*(drop|delete|insert|update)" + SPACE + ")",
            "ATTACK-XSS", "(?i)((<|%3C)" + SPACE + "*(script|img|svg|iframe)|javascript(:|%3A)|on(error|load)"
                    + SPACE + "*(=|%3D))",
            "ATTACK-PATH-TRAVERSAL", "(?i)((\\.|%2E){2}(/|%2F|\\x5C|%5C)|/etc/passwd|%2Fetc%2Fpasswd)",
            "ATTACK-COMMAND-INJECTION", "(?i)((;|%3B|\\||%7C|&|%26)" + SPACE
                    + "*(cat|ls|id|whoami|wget|curl|nc|sh|bash)(\\s|\\+|%20|$|&)|(\\$|%24)(\\(|%28)|`|%60)");

    private AttackPatterns() {
    }

    /** The pattern for {@code rule}, if it is an attack rule. */
    public static Optional<String> forRule(String rule) {
        return Optional.ofNullable(BY_RULE.get(rule));
    }
}
