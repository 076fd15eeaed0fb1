package io.perimeter.cloud.playbooks.policy;

import static io.perimeter.cloud.playbooks.policy.Documents.map;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * AWS WAF (v2): one rule for a web ACL's {@code Rules}, as JSON. The route is a regex on {@code UriPath}; attack
 * syntax a regex on the URL-decoded, lower-cased {@code QueryString}; a rate limit a rate-based rule per client IP
 * over 60 s scoped to the route (AWS WAF's minimum limit is 10). The rule's priority (unique within a web ACL) is
 * {@link #FIRST_PRIORITY} + a number below 1,000,000,000 from the finding id: after the priorities people usually
 * give their own rules, and shared by two policies with probability about 1 in a billion.
 */
@Singleton
final class AwsWafPolicy implements PolicyRenderer {
    static final int FIRST_PRIORITY = 1_000_000;
    static final int PRIORITIES = 1_000_000_000;
    private static final int MAX_REGEX = 512;

    @Override
    public Gateway gateway() {
        return Gateway.AWS_WAF;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        List<Object> route = new ArrayList<>(List.of(
                map("ByteMatchStatement", map("SearchString", target.method(), "FieldToMatch", map("Method", map()),
                        "TextTransformations", List.of(map("Priority", 0, "Type", "NONE")),
                        "PositionalConstraint", "EXACTLY")),
                map("RegexMatchStatement", map("RegexString", limited(target.routeRegex()),
                        "FieldToMatch", map("UriPath", map()),
                        "TextTransformations", List.of(map("Priority", 0, "Type", "NONE"))))));
        Map<String, Object> action = map("Block", map());
        Map<String, Object> statement;
        switch (target.mode()) {
            case BLOCK_ROUTE -> statement = map("AndStatement", map("Statements", route));
            case BLOCK_PATTERN -> {
                String pattern = target.pattern().replace("(?i)", "").toLowerCase(Locale.ROOT);
                route.add(map("RegexMatchStatement", map("RegexString", limited(pattern),
                        "FieldToMatch", map("QueryString", map()),
                        "TextTransformations", List.of(map("Priority", 0, "Type", "URL_DECODE"),
                                map("Priority", 1, "Type", "LOWERCASE")))));
                statement = map("AndStatement", map("Statements", route));
            }
            case RATE_LIMIT -> {
                statement = map("RateBasedStatement", map("Limit", Math.max(10, target.ratePerMinute()),
                        "EvaluationWindowSec", 60, "AggregateKeyType", "IP",
                        "ScopeDownStatement", map("AndStatement", map("Statements", route))));
                action = map("Block", map("CustomResponse", map("ResponseCode", 429)));
            }
            default -> throw new IllegalStateException();
        }
        Map<String, Object> rule = map("Name", name, "Priority", FIRST_PRIORITY + target.number(PRIORITIES), "Action", action,
                "Statement", statement,
                "VisibilityConfig", map("SampledRequestsEnabled", true, "CloudWatchMetricsEnabled", true,
                        "MetricName", name));
        return List.of(new PolicyFile(name + ".aws-waf.json", "add to the web ACL's Rules", "application/json",
                Documents.json(rule)));
    }

    private static String limited(String regex) {
        if (regex.length() > MAX_REGEX) {
            throw new PolicyException("the route is too long for an AWS WAF regex (512 characters at most)");
        }
        return regex;
    }
}
