package io.perimeter.cloud.playbooks.policy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.UUID;

/**
 * What a policy is about: one finding's route and what to do to it. Built from a stored finding; {@link #routeRegex}
 * and {@link #method} are already checked and escaped, {@link #name} is a token of the finding id only.
 *
 * @param routeRegex     the route for byte-matching PCRE (nginx, ModSecurity, AWS WAF), see {@link RouteRegex#of}
 * @param re2RouteRegex  the same route for RE2 (Envoy), see {@link RouteRegex#ofCodePoints}
 * @param pattern        for {@link PolicyMode#BLOCK_PATTERN}: the attack syntax to refuse (from {@link AttackPatterns})
 * @param ratePerMinute  for {@link PolicyMode#RATE_LIMIT}: requests per client and minute
 * @param kongService    the Kong service the route belongs to (from the Kong destination's settings)
 */
public record PolicyTarget(UUID findingId, String rule, String method, String routeRegex, String re2RouteRegex,
                           PolicyMode mode, String pattern, int ratePerMinute, String upstream) {
    private static final java.util.regex.Pattern UPSTREAM = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,128}");

    /** The target of {@code mode} for the finding, or why there is none. */
    public static PolicyTarget of(UUID findingId, String rule, String method, String template, PolicyMode mode,
                                  int ratePerMinute, String upstream) {
        String pattern = null;
        if (mode == PolicyMode.BLOCK_PATTERN) {
            pattern = AttackPatterns.forRule(rule).orElseThrow(() -> new PolicyException(
                    "block-pattern needs an attack finding (ATTACK-*); use block-route or rate-limit for this rule"));
        }
        if (mode == PolicyMode.RATE_LIMIT && (ratePerMinute < 1 || ratePerMinute > 100_000)) {
            throw new PolicyException("ratePerMinute must be between 1 and 100000");
        }
        if (upstream != null && !upstream.isBlank() && !UPSTREAM.matcher(upstream).matches()) {
            throw new PolicyException("the upstream service name must be letters, digits, '.', '_' or '-'");
        }
        return new PolicyTarget(findingId, rule, RouteRegex.method(method), RouteRegex.of(template),
                RouteRegex.ofCodePoints(template), mode, pattern,
                ratePerMinute, upstream == null || upstream.isBlank() ? "upstream" : upstream);
    }

    /** {@code perimeter_<first 12 hex digits of the finding id>}: a name any gateway accepts. */
    public String name() {
        return "perimeter_" + findingId.toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    }

    /**
     * A number in {@code [0, bound)} from the finding id, for rule ids (ModSecurity) and priorities (AWS WAF): the same
     * for the same finding, spread evenly over the bound whatever the kind of UUID (the id is hashed with SHA-256), so
     * two findings share a number with probability about {@code 1 / bound}.
     */
    public long number(long bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be positive");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(findingId.toString()
                    .getBytes(StandardCharsets.US_ASCII));
            return Long.remainderUnsigned(ByteBuffer.wrap(digest).getLong(), bound);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
