package io.perimeter.cloud.playbooks;

import io.perimeter.cloud.playbooks.delivery.DestinationGuard;
import io.perimeter.cloud.playbooks.delivery.DestinationRefused;
import io.perimeter.cloud.playbooks.policy.Gateway;
import io.perimeter.cloud.playbooks.policy.PolicyMode;
import io.perimeter.cloud.problem.ApiException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** What a playbook and a destination must be; every violation is listed in one 422 (problem+json). */
@Singleton
final class PlaybookRules {
    static final List<String> CATEGORIES = List.of("API1:2023", "API2:2023", "API3:2023", "API4:2023", "API5:2023",
            "API6:2023", "API7:2023", "API8:2023", "API9:2023", "API10:2023", "ATTACK");
    static final List<String> KINDS = List.of("webhook", "slack", "jira", "kong");
    private static final Pattern RULE = Pattern.compile("(API(10|[1-9])|ATTACK)-[A-Z0-9-]{1,60}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern JIRA_USER = Pattern.compile("[^:\\s]{1,255}");
    private static final Set<String> JIRA_SETTINGS = Set.of("project", "issueType", "username", "apiVersion");
    private static final Set<String> KONG_SETTINGS = Set.of("service");

    private final DestinationGuard guard;

    PlaybookRules(DestinationGuard guard) {
        this.guard = guard;
    }

    /** Refuses {@code playbook} unless valid; {@code destinations} looks up the tenant's destination kinds. */
    void check(Playbook playbook, Function<UUID, String> destinationKind) {
        List<String> errors = new ArrayList<>();
        if (playbook.name() == null || playbook.name().isBlank() || playbook.name().length() > 120) {
            errors.add("name: 1 to 120 characters");
        }
        if (playbook.description() != null && playbook.description().length() > 2000) {
            errors.add("description: 2000 characters at most");
        }
        playbook.rules().forEach(rule -> {
            if (rule == null || !RULE.matcher(rule).matches()) {
                errors.add("rules: each is a finding rule such as ATTACK-SQL-INJECTION");
            }
        });
        playbook.categories().forEach(category -> {
            if (!CATEGORIES.contains(category)) {
                errors.add("categories: each is one of " + String.join(", ", CATEGORIES));
            }
        });
        if (playbook.rules().isEmpty() && playbook.categories().isEmpty()) {
            errors.add("rules or categories: map the playbook to at least one finding rule or category");
        }
        if (playbook.steps().size() > 50 || playbook.steps().stream().anyMatch(s -> s == null || s.isBlank()
                || s.length() > 1000)) {
            errors.add("steps: at most 50, each 1 to 1000 characters");
        }
        if (playbook.actions().size() > 20) {
            errors.add("actions: 20 at most");
        }
        for (int i = 0; i < playbook.actions().size(); i++) {
            checkAction("actions[" + i + "]", playbook.actions().get(i), destinationKind, errors);
        }
        refuseIf(errors, "invalid-playbook", "the playbook is not valid");
    }

    private static void checkAction(String at, PlaybookAction action, Function<UUID, String> destinationKind,
                                    List<String> errors) {
        if (action == null) {
            errors.add(at + ": missing");
            return;
        }
        String kind = action.destinationId() == null ? null : destinationKind.apply(action.destinationId());
        if (action.destinationId() != null && kind == null) {
            errors.add(at + ".destinationId: no destination with that id in this tenant");
        }
        switch (action.type() == null ? "" : action.type()) {
            case PlaybookAction.POLICY -> {
                var gateway = Gateway.of(action.gateway());
                if (gateway.isEmpty()) {
                    errors.add(at + ".gateway: one of " + String.join(", ", Gateway.ids()));
                }
                var mode = PolicyMode.of(action.mode());
                if (mode.isEmpty()) {
                    errors.add(at + ".mode: one of " + String.join(", ", PolicyMode.ids()));
                }
                if (gateway.orElse(null) == Gateway.KONG && mode.orElse(null) == PolicyMode.BLOCK_PATTERN) {
                    errors.add(at + ".mode: Kong takes block-route or rate-limit");
                }
                if ("kong".equals(kind) && gateway.orElse(null) != Gateway.KONG) {
                    errors.add(at + ".destinationId: a Kong Admin API destination takes Kong policies only");
                }
                if (gateway.orElse(null) == Gateway.KONG && kind != null && !"kong".equals(kind)
                        && !"webhook".equals(kind)) {
                    errors.add(at + ".destinationId: Kong policies go to a Kong Admin API or a webhook");
                }
                if (action.ratePerMinute() != null && (action.ratePerMinute() < 1 || action.ratePerMinute() > 100_000)) {
                    errors.add(at + ".ratePerMinute: 1 to 100000");
                }
            }
            case PlaybookAction.NOTIFY -> {
                if (action.destinationId() == null) {
                    errors.add(at + ".destinationId: a notification needs a destination");
                }
                if ("kong".equals(kind)) {
                    errors.add(at + ".destinationId: notifications go to a webhook, Slack or Jira");
                }
                if (action.gateway() != null || action.mode() != null) {
                    errors.add(at + ": gateway and mode are for policy actions");
                }
            }
            default -> errors.add(at + ".type: policy or notify");
        }
    }

    /** Refuses the destination unless valid; the URL is checked against the SSRF guard. */
    void check(PlaybookRequests.DestinationInput input) {
        List<String> errors = new ArrayList<>();
        if (input.name() == null || input.name().isBlank() || input.name().length() > 120) {
            errors.add("name: 1 to 120 characters");
        }
        String kind = input.kind() == null ? "" : input.kind();
        if (!KINDS.contains(kind)) {
            errors.add("kind: one of " + String.join(", ", KINDS));
        }
        if (input.url() == null || input.url().length() > 2000) {
            errors.add("url: required, 2000 characters at most");
        } else {
            try {
                guard.check(input.url());
            } catch (DestinationRefused e) {
                errors.add("url: " + e.getMessage());
            }
        }
        if (input.secret() != null && (input.secret().length() < 16 && !"kong".equals(kind)
                || input.secret().length() > 4096)) {
            errors.add("secret: 16 to 4096 characters");
        }
        Map<String, String> settings = input.settings() == null ? Map.of() : input.settings();
        switch (kind) {
            case "webhook" -> {
                if (input.secret() == null) {
                    errors.add("secret: a webhook needs a signing key (16 characters at least)");
                }
                if (!settings.isEmpty()) {
                    errors.add("settings: a webhook takes none");
                }
            }
            case "slack" -> {
                if (!settings.isEmpty() || input.secret() != null) {
                    errors.add("settings, secret: a Slack incoming webhook takes neither (its URL is the secret)");
                }
            }
            case "jira" -> {
                if (!JIRA_SETTINGS.containsAll(settings.keySet())) {
                    errors.add("settings: jira takes " + String.join(", ", JIRA_SETTINGS.stream().sorted().toList()));
                }
                if (!TOKEN.matcher(settings.getOrDefault("project", "")).matches()) {
                    errors.add("settings.project: the Jira project key");
                }
                if (!JIRA_USER.matcher(settings.getOrDefault("username", "")).matches()) {
                    errors.add("settings.username: the Jira user (e-mail for Jira Cloud)");
                }
                if (!List.of("2", "3").contains(settings.getOrDefault("apiVersion", "2"))) {
                    errors.add("settings.apiVersion: 2 or 3");
                }
                if (settings.containsKey("issueType") && (settings.get("issueType").isBlank()
                        || settings.get("issueType").length() > 60)) {
                    errors.add("settings.issueType: 1 to 60 characters");
                }
                if (input.secret() == null) {
                    errors.add("secret: the Jira API token");
                }
            }
            case "kong" -> {
                if (!KONG_SETTINGS.containsAll(settings.keySet())
                        || !TOKEN.matcher(settings.getOrDefault("service", "")).matches()) {
                    errors.add("settings.service: the Kong service the routes belong to (letters, digits, . _ -)");
                }
            }
            default -> {
            }
        }
        refuseIf(errors, "invalid-destination", "the destination is not valid");
    }

    private static void refuseIf(List<String> errors, String type, String detail) {
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable(type, detail, errors.stream().distinct().toList());
        }
    }
}
