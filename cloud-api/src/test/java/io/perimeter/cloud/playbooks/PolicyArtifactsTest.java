package io.perimeter.cloud.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.perimeter.cloud.playbooks.policy.Gateway;
import io.perimeter.cloud.playbooks.policy.GatewayPolicies;
import io.perimeter.cloud.playbooks.policy.PolicyException;
import io.perimeter.cloud.playbooks.policy.PolicyFile;
import io.perimeter.cloud.playbooks.policy.PolicyMode;
import io.perimeter.cloud.playbooks.policy.PolicyTarget;
import io.perimeter.cloud.playbooks.policy.RouteRegex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The policy files of every gateway, checked by structure (no Envoy, Kong, ModSecurity or AWS here: YAML and JSON
 * parsed back, SecLang lines checked against the directive syntax), and a finding whose template tries to break out
 * of each format: it stays one escaped regular expression that still matches the path it came from.
 */
class PolicyArtifactsTest {
    private static final GatewayPolicies POLICIES = GatewayPolicies.standalone();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final UUID FINDING = UUID.fromString("3f2a9c1e-0000-4000-8000-000000000001");
    /** A template that quotes, ends directives, starts new ones and comments out the rest, in every format here. */
    private static final String HOSTILE = "/x\";return 200;#'\n} location / {\"$(id)`\\/{id}/ü%2e./*";
    private static final String HOSTILE_PATH = "/x\";return 200;#'\n} location / {\"$(id)`\\/42/ü%2e./*";

    @Test
    void aHostileTemplateBecomesOneEscapedRegexThatMatchesItsOwnPath() {
        String regex = RouteRegex.of(HOSTILE);
        assertThat(regex).matches("\\^[A-Za-z0-9_~/\\-\\\\\\[\\]^+]*\\$");
        // Gateways match the path's bytes: the same string read as ISO-8859-1 is what their regex engines see.
        String bytes = new String(HOSTILE_PATH.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(Pattern.compile(regex).matcher(bytes).matches()).isTrue();
        assertThat(Pattern.compile(regex).matcher("/x/42").matches()).isFalse();
        assertThat(RouteRegex.of("/api/v1/users/{id}/orders")).isEqualTo("^/api/v1/users/[^/]+/orders$");
        assertThatThrownBy(() -> RouteRegex.method("GET /x")).isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> RouteRegex.of("users")).isInstanceOf(PolicyException.class);
    }

    @Test
    void nonAsciiIsBytesForPcreAndOneCodePointForRe2() {
        String template = "/caf\u00e9/{id}/\uD83D\uDE00";
        String path = "/caf\u00e9/42/\uD83D\uDE00";
        // RE2 (like java.util.regex) matches text by code point and reads \xHH as U+00HH.
        String re2 = RouteRegex.ofCodePoints(template);
        assertThat(re2).isEqualTo("^/caf\\x{00E9}/[^/]+/\\x{1F600}$");
        assertThat(Pattern.compile(re2).matcher(path).matches()).isTrue();
        assertThat(Pattern.compile(RouteRegex.of(template)).matcher(path).matches())
                .as("byte escapes do not match the text by code point").isFalse();
        // PCRE without UTF-8 mode (nginx, ModSecurity) matches bytes: the byte form matches the UTF-8 bytes.
        String bytes = new String(path.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertThat(RouteRegex.of(template)).startsWith("^/caf\\xC3\\xA9/");
        assertThat(Pattern.compile(RouteRegex.of(template)).matcher(bytes).matches()).isTrue();
        assertThat(RouteRegex.ofCodePoints("/a\"b{x")).as("ASCII the same").isEqualTo(RouteRegex.of("/a\"b{x"));
        String envoy = POLICIES.render(Gateway.ENVOY, PolicyTarget.of(FINDING, "API5-X", "GET", template,
                PolicyMode.BLOCK_ROUTE, 0, null)).getFirst().content();
        assertThat(envoy).contains("x{00E9}").doesNotContain("xC3");
    }

    @Test
    void nginxFilesCarryTheTemplateOnlyInsideOneQuotedRegex() {
        for (PolicyMode mode : PolicyMode.values()) {
            List<PolicyFile> files = POLICIES.render(Gateway.NGINX, target("ATTACK-SQL-INJECTION", HOSTILE, mode));
            assertThat(files).as("nginx files for %s", mode).isNotEmpty();
            for (PolicyFile file : files) {
                String content = file.content().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
                assertThat(content).doesNotContain("return 200").doesNotContain("location /").doesNotContain("$(id)");
                for (String line : content.lines().toList()) {
                    long quotes = line.chars().filter(c -> c == '"').count();
                    assertThat(quotes % 2).as("balanced quotes in %s", line).isZero();
                }
            }
        }
    }

    @Test
    void envoyPoliciesAreYamlWithTheRouteAsAnRe2Regex() throws Exception {
        JsonNode rbac = YAML.readTree(only(Gateway.ENVOY, target("ATTACK-XSS", HOSTILE, PolicyMode.BLOCK_PATTERN)));
        assertThat(rbac.path("name").asText()).isEqualTo("envoy.filters.http.rbac");
        JsonNode rules = rbac.at("/typed_config/rules");
        assertThat(rules.path("action").asText()).isEqualTo("DENY");
        JsonNode and = rules.path("policies").elements().next().at("/permissions/0/and_rules/rules");
        assertThat(and.get(0).at("/header/string_match/exact").asText()).isEqualTo("GET");
        assertThat(and.get(1).at("/url_path/path/safe_regex/regex").asText())
                .isEqualTo(RouteRegex.ofCodePoints(HOSTILE));
        String query = and.get(2).at("/header/string_match/safe_regex/regex").asText();
        assertThat(Pattern.compile(query).matcher("/x?q=%3Cscript%3Ealert(1)").find()).isTrue();
        assertThat(Pattern.compile(query).matcher("/x?q=hello").find()).isFalse();

        List<PolicyFile> limit = POLICIES.render(Gateway.ENVOY, target("API4-NO-RATE-LIMIT", "/search",
                PolicyMode.RATE_LIMIT));
        JsonNode route = YAML.readTree(limit.get(1).content());
        assertThat(route.at("/match/safe_regex/regex").asText()).isEqualTo("^/search$");
        assertThat(route.at("/typed_per_filter_config/envoy.filters.http.local_ratelimit/token_bucket/max_tokens")
                .asInt()).isEqualTo(30);
        assertThat(YAML.readTree(limit.get(0).content()).path("name").asText())
                .isEqualTo("envoy.filters.http.local_ratelimit");
    }

    @Test
    void kongPoliciesAreAdminApiCallsThatUpsertARouteAndItsPlugin() throws Exception {
        JsonNode calls = JSON.readTree(only(Gateway.KONG, target("API5-ADMIN-ROUTE-ORDINARY-IDENTITY", "/admin/{id}",
                PolicyMode.BLOCK_ROUTE)));
        assertThat(calls).hasSize(2);
        assertThat(calls.get(0).path("method").asText()).isEqualTo("PUT");
        assertThat(calls.get(0).path("path").asText()).isEqualTo("/services/shop/routes/perimeter_3f2a9c1e0000");
        assertThat(calls.get(0).at("/body/paths/0").asText()).isEqualTo("~^/admin/[^/]+$");
        assertThat(calls.get(1).at("/body/name").asText()).isEqualTo("request-termination");
        assertThat(calls.get(1).at("/body/config/status_code").asInt()).isEqualTo(403);
        JsonNode limit = JSON.readTree(only(Gateway.KONG, target("API4-NO-RATE-LIMIT", "/search",
                PolicyMode.RATE_LIMIT)));
        assertThat(limit.get(1).at("/body/config/minute").asInt()).isEqualTo(30);
        assertThatThrownBy(() -> POLICIES.render(Gateway.KONG, target("ATTACK-XSS", "/x", PolicyMode.BLOCK_PATTERN)))
                .isInstanceOf(PolicyException.class);
        assertThatThrownBy(() -> PolicyTarget.of(FINDING, "API5-X", "GET", "/x", PolicyMode.BLOCK_ROUTE, 1,
                "shop/../consumers")).isInstanceOf(PolicyException.class);
    }

    @Test
    void awsWafRulesAreJsonStatements() throws Exception {
        JsonNode rule = JSON.readTree(only(Gateway.AWS_WAF, target("ATTACK-SQL-INJECTION", HOSTILE,
                PolicyMode.BLOCK_PATTERN)));
        assertThat(rule.at("/Action/Block").isObject()).isTrue();
        JsonNode statements = rule.at("/Statement/AndStatement/Statements");
        assertThat(statements.get(0).at("/ByteMatchStatement/SearchString").asText()).isEqualTo("GET");
        assertThat(statements.get(1).at("/RegexMatchStatement/RegexString").asText()).isEqualTo(RouteRegex.of(HOSTILE));
        String query = statements.get(2).at("/RegexMatchStatement/RegexString").asText();
        assertThat(Pattern.compile(query).matcher("id=1' or 1=1").find()).isTrue();
        assertThat(rule.at("/VisibilityConfig/MetricName").asText()).matches("[a-z0-9_]+");
        JsonNode limit = JSON.readTree(only(Gateway.AWS_WAF, target("API4-NO-RATE-LIMIT", "/search",
                PolicyMode.RATE_LIMIT)));
        assertThat(limit.at("/Statement/RateBasedStatement/Limit").asInt()).isEqualTo(30);
        assertThat(limit.at("/Action/Block/CustomResponse/ResponseCode").asInt()).isEqualTo(429);
    }

    @Test
    void modSecurityRulesAreWellFormedSecLangWithUniqueIds() {
        Pattern secRule = Pattern.compile("\\s*SecRule [A-Z0-9_:]+ \"[^\"]+\" \"([^\"]+)\"");
        Pattern secAction = Pattern.compile("SecAction \"([^\"]+)\"");
        for (PolicyMode mode : PolicyMode.values()) {
            Set<String> ids = new HashSet<>();
            String rules = only(Gateway.MODSECURITY, target("ATTACK-COMMAND-INJECTION", HOSTILE, mode));
            boolean chained = false;
            List<String> directives = new ArrayList<>();
            for (String line : rules.lines().filter(l -> !l.startsWith("#")).toList()) {
                Matcher rule = secRule.matcher(line);
                Matcher action = secAction.matcher(line);
                assertThat(rule.matches() || action.matches()).as("SecLang directive: %s", line).isTrue();
                String actions = rule.matches() ? rule.group(1) : action.group(1);
                if (!chained) {
                    Matcher id = Pattern.compile("(^|,)id:(\\d+)").matcher(actions);
                    assertThat(id.find()).as("id in %s", line).isTrue();
                    assertThat(ids.add(id.group(2))).as("unique id %s", id.group(2)).isTrue();
                    assertThat(actions).contains("phase:");
                } else {
                    assertThat(actions).doesNotContain("id:");
                }
                chained = actions.contains("chain");
                directives.add(line);
            }
            assertThat(chained).as("the last rule of a chain ends it").isFalse();
            assertThat(directives).isNotEmpty();
        }
    }

    @Test
    void manyFindingsGetDistinctModSecurityIdsAndAwsWafPrioritiesInTheirRanges() throws Exception {
        // Finding ids as the cloud makes them (random UUIDs), from a fixed seed so that the run is repeatable.
        java.util.Random random = new java.util.Random(20261207);
        Pattern idPattern = Pattern.compile("(^|[\",])id:(\\d+)");
        Set<Long> ids = new HashSet<>();
        Set<Long> priorities = new HashSet<>();
        int findings = 2_000;
        for (int i = 0; i < findings; i++) {
            UUID finding = new UUID((random.nextLong() & ~0xF000L) | 0x4000L,
                    (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
            Matcher id = idPattern.matcher(only(Gateway.MODSECURITY, PolicyTarget.of(finding, "API4-NO-RATE-LIMIT",
                    "GET", "/search", PolicyMode.RATE_LIMIT, 30, null)));
            while (id.find()) {
                long value = Long.parseLong(id.group(2));
                assertThat(value).as("in the unused range 10,000,000-89,999,999").isBetween(10_000_000L, 89_999_999L);
                assertThat(ids.add(value)).as("rule id %d of finding %d already taken", value, i).isTrue();
            }
            long priority = JSON.readTree(only(Gateway.AWS_WAF, PolicyTarget.of(finding, "API5-ADMIN", "GET", "/admin",
                    PolicyMode.BLOCK_ROUTE, 0, null))).path("Priority").asLong();
            assertThat(priority).isBetween(1_000_000L, (long) Integer.MAX_VALUE);
            assertThat(priorities.add(priority)).as("priority %d of finding %d already taken", priority, i).isTrue();
        }
        assertThat(ids).hasSize(3 * findings);
        assertThat(PolicyTarget.of(FINDING, "API5-X", "GET", "/x", PolicyMode.BLOCK_ROUTE, 0, null).number(1_000))
                .as("the same finding, the same number")
                .isEqualTo(PolicyTarget.of(FINDING, "API4-X", "POST", "/y", PolicyMode.BLOCK_ROUTE, 0, null)
                        .number(1_000));
    }

    @Test
    void blockPatternNeedsAnAttackFinding() {
        assertThatThrownBy(() -> target("API3-SECRET-IN-RESPONSE", "/x", PolicyMode.BLOCK_PATTERN))
                .isInstanceOf(PolicyException.class).hasMessageContaining("attack");
    }

    private static PolicyTarget target(String rule, String template, PolicyMode mode) {
        return PolicyTarget.of(FINDING, rule, "GET", template, mode, 30, "shop");
    }

    private static String only(Gateway gateway, PolicyTarget target) {
        List<PolicyFile> files = POLICIES.render(gateway, target);
        assertThat(files).hasSize(1);
        return files.getFirst().content();
    }
}
