package io.perimeter.cloud.playbooks;

import static io.perimeter.cloud.playbooks.PlaybookAction.policy;

import java.util.List;
import java.util.Optional;

/**
 * The built-in playbooks: one per finding category of the analyzer (docs/findings.md), with policy actions where a
 * gateway can mitigate the problem (attacks, missing rate limits, exposed admin or shadow routes) and steps only
 * where the fix is in the API's code. Their policy actions have no destination: a built-in run renders the policies,
 * and a tenant copy adds where to deliver them.
 */
public final class DefaultPlaybooks {
    private static final List<PlaybookAction> EVERY_GATEWAY_BLOCK_PATTERN = List.of(
            policy("nginx", "block-pattern"), policy("envoy", "block-pattern"), policy("modsecurity", "block-pattern"),
            policy("aws-waf", "block-pattern"));
    private static final List<PlaybookAction> EVERY_GATEWAY_RATE_LIMIT = List.of(
            policy("nginx", "rate-limit"), policy("envoy", "rate-limit"), policy("kong", "rate-limit"),
            policy("modsecurity", "rate-limit"), policy("aws-waf", "rate-limit"));
    private static final List<PlaybookAction> EVERY_GATEWAY_BLOCK_ROUTE = List.of(
            policy("nginx", "block-route"), policy("envoy", "block-route"), policy("kong", "block-route"),
            policy("modsecurity", "block-route"), policy("aws-waf", "block-route"));

    static final List<Playbook> ALL = List.of(
            builtIn("attack", "Block injection and traversal attempts",
                    "Refuse the attack's syntax on the endpoint at the gateway while the input handling is fixed.",
                    List.of("ATTACK"), List.of(
                            "Check the outcome facts: 'succeeded' calls mean the API processed the payload normally; "
                                    + "treat those as a possible incident and review the service's logs.",
                            "Apply the block-pattern policy for your gateway (dry run first, then approval).",
                            "Fix the input handling: parameterised queries, output encoding, path canonicalisation, "
                                    + "no shell with request data.",
                            "Keep the policy until the fix is deployed, then resolve the finding."),
                    EVERY_GATEWAY_BLOCK_PATTERN),
            builtIn("rate-limit", "Limit resource consumption",
                    "Put a per-client rate limit on the endpoint and bound what one request may ask for.",
                    List.of("API4:2023"), List.of(
                            "Decide the normal per-client rate of the endpoint from its traffic.",
                            "Apply the rate-limit policy for your gateway (dry run first, then approval).",
                            "Bound page sizes and payloads in the API itself.",
                            "Watch for 429s to legitimate clients, then resolve the finding."),
                    EVERY_GATEWAY_RATE_LIMIT),
            builtIn("object-level-authorization", "Stop object walks",
                    "Slow down identities that walk through objects while object-level checks are added.",
                    List.of("API1:2023"), List.of(
                            "Review the identities over the threshold: bulk jobs or abuse?",
                            "Apply the rate-limit policy for your gateway to slow walks down.",
                            "Add an ownership check for every object the endpoint returns.",
                            "Resolve the finding once the check is deployed."),
                    EVERY_GATEWAY_RATE_LIMIT),
            builtIn("function-level-authorization", "Close an exposed admin route",
                    "Block the admin route at the gateway for everyone until role checks are in place.",
                    List.of("API5:2023"), List.of(
                            "Confirm that ordinary identities must not reach the route.",
                            "Apply the block-route policy for your gateway, or restrict it to the admin network.",
                            "Add a role check to the route in the API.",
                            "Remove the policy once the check is deployed, then resolve the finding."),
                    EVERY_GATEWAY_BLOCK_ROUTE),
            builtIn("inventory", "Retire shadow and deprecated endpoints",
                    "Endpoints nobody documents or that should be gone: decide, then block or document them.",
                    List.of("API9:2023"), List.of(
                            "Find the endpoint's owner; decide whether it should exist.",
                            "If not, apply the block-route policy for your gateway.",
                            "If so, add it to the OpenAPI document and resolve the finding."),
                    EVERY_GATEWAY_BLOCK_ROUTE),
            builtIn("authentication", "Fix broken authentication",
                    "Credentials in the wrong place or tokens accepted that should not be: a code and configuration fix.",
                    List.of("API2:2023"), List.of(
                            "Identify the clients that send credentials this way.",
                            "Reject the weak form in the API (alg none, expired or unbounded tokens, credentials in "
                                    + "query strings or over plain HTTP).",
                            "Rotate any credential that was exposed.",
                            "Resolve the finding once no call shows the pattern."),
                    List.of()),
            builtIn("data-exposure", "Stop sensitive data exposure",
                    "Data in answers, in plaintext or sent to third parties that should not be.",
                    List.of("API3:2023", "API8:2023", "API10:2023"), List.of(
                            "Check which fields carry the data classes named in the evidence.",
                            "Remove or mask the fields in the API's answers; enforce TLS and security headers.",
                            "Tell your data protection officer if personal data reached someone it should not.",
                            "Resolve the finding once new traffic no longer shows it."),
                    List.of()),
            builtIn("ssrf", "Guard server-side requests",
                    "An API that fetches URLs from its callers can be turned against the internal network.",
                    List.of("API7:2023"), List.of(
                            "Check where the API fetches the URLs it receives.",
                            "Allow-list destinations and refuse internal addresses in the API.",
                            "Resolve the finding once the guard is deployed."),
                    List.of()));

    private DefaultPlaybooks() {
    }

    /** The built-in playbook with {@code id}. */
    static Optional<Playbook> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The built-in playbook for a finding of {@code category}. */
    static Optional<Playbook> forCategory(String category) {
        return ALL.stream().filter(p -> p.categories().contains(category)).findFirst();
    }

    private static Playbook builtIn(String key, String name, String description, List<String> categories,
                                    List<String> steps, List<PlaybookAction> actions) {
        return new Playbook("builtin-" + key, name, description, List.of(), categories, steps, actions, true, null,
                null, null);
    }
}
