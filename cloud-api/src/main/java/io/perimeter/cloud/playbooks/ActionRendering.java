package io.perimeter.cloud.playbooks;

import static io.perimeter.cloud.playbooks.policy.Documents.map;

import io.micronaut.core.type.Argument;
import io.perimeter.cloud.playbooks.policy.Gateway;
import io.perimeter.cloud.playbooks.policy.GatewayPolicies;
import io.perimeter.cloud.playbooks.policy.PolicyException;
import io.perimeter.cloud.playbooks.policy.PolicyFile;
import io.perimeter.cloud.playbooks.policy.PolicyMode;
import io.perimeter.cloud.playbooks.policy.PolicyTarget;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Renders a playbook's actions for one finding: the policy files per gateway and the body of every request each
 * action would send to its destination (generic webhook JSON, Slack message, Jira issue, Kong Admin API calls).
 * Everything here is built by serializers or from escaped values: a finding's template cannot inject into a policy
 * or a message's markup.
 */
@Singleton
final class ActionRendering {
    private final GatewayPolicies policies;
    private final PlaybookStore store;

    ActionRendering(GatewayPolicies policies, PlaybookStore store) {
        this.policies = policies;
        this.store = store;
    }

    List<RenderedAction> render(UUID runId, Playbook playbook, FindingSubject finding,
                                Function<UUID, Optional<Destination>> destinations) {
        List<RenderedAction> out = new ArrayList<>();
        for (int i = 0; i < playbook.actions().size(); i++) {
            PlaybookAction action = playbook.actions().get(i);
            Destination destination = action.destinationId() == null ? null
                    : destinations.apply(action.destinationId()).orElse(null);
            DestinationView view = destination == null ? null : DestinationView.of(destination);
            try {
                if (action.destinationId() != null && destination == null) {
                    throw new PolicyException("the action's destination no longer exists");
                }
                List<PolicyFile> files = List.of();
                if (PlaybookAction.POLICY.equals(action.type())) {
                    Gateway gateway = Gateway.of(action.gateway()).orElseThrow();
                    PolicyMode mode = PolicyMode.of(action.mode()).orElseThrow();
                    String upstream = destination == null ? null : destination.settings().get("service");
                    files = policies.render(gateway, PolicyTarget.of(finding.id(), finding.rule(), finding.method(),
                            finding.template(), mode, action.rate(), upstream));
                }
                List<PlannedRequest> requests = destination == null ? List.of()
                        : requests(runId, i, playbook, action, finding, files, destination);
                out.add(new RenderedAction(i, action.type(), action.gateway(), action.mode(), view, files, requests,
                        action.changesTraffic(), null));
            } catch (PolicyException e) {
                out.add(new RenderedAction(i, action.type(), action.gateway(), action.mode(), view, List.of(),
                        List.of(), action.changesTraffic(), e.getMessage()));
            }
        }
        return out;
    }

    private List<PlannedRequest> requests(UUID runId, int index, Playbook playbook, PlaybookAction action,
                                          FindingSubject finding, List<PolicyFile> files, Destination destination) {
        return switch (destination.kind()) {
            case "webhook" -> List.of(new PlannedRequest("POST", "", store.write(map(
                    "event", PlaybookAction.POLICY.equals(action.type()) ? "perimeter.playbook.policy"
                            : "perimeter.playbook.notification",
                    "runId", runId, "action", index, "playbook", playbook.name(), "finding", finding,
                    "gateway", action.gateway(), "mode", action.mode(), "files", files,
                    "steps", playbook.steps()))));
            case "slack" -> List.of(new PlannedRequest("POST", "", store.write(map("text", slack(playbook, finding,
                    files)))));
            case "jira" -> List.of(jira(playbook, finding, files, destination));
            case "kong" -> kong(files);
            default -> throw new PolicyException("unknown destination kind");
        };
    }

    private static String slack(Playbook playbook, FindingSubject finding, List<PolicyFile> files) {
        StringBuilder text = new StringBuilder("*Perimeter:* ").append(escapeSlack(finding.title()))
                .append("\n*Playbook:* ").append(escapeSlack(playbook.name()));
        for (int i = 0; i < playbook.steps().size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(escapeSlack(playbook.steps().get(i)));
        }
        for (PolicyFile file : files) {
            text.append("\n`").append(escapeSlack(file.name())).append("` (").append(escapeSlack(file.usage()))
                    .append(")\n```").append(escapeSlack(file.content()).replace("```", "'''")).append("```");
        }
        return text.toString();
    }

    private PlannedRequest jira(Playbook playbook, FindingSubject finding, List<PolicyFile> files,
                                Destination destination) {
        Map<String, String> settings = destination.settings();
        String version = settings.getOrDefault("apiVersion", "2");
        Object description;
        if ("3".equals(version)) {
            List<Object> content = new ArrayList<>();
            content.add(paragraph(finding.title()));
            playbook.steps().forEach(step -> content.add(paragraph("• " + step)));
            files.forEach(file -> {
                content.add(paragraph(file.name() + " (" + file.usage() + ")"));
                content.add(map("type", "codeBlock", "content", List.of(map("type", "text", "text", file.content()))));
            });
            description = map("type", "doc", "version", 1, "content", content);
        } else {
            StringBuilder text = new StringBuilder("{noformat}").append(noformat(finding.title()))
                    .append("{noformat}\n");
            playbook.steps().forEach(step -> text.append("# ").append(noformat(step).replace("\n", " ")).append('\n'));
            files.forEach(file -> text.append("\n").append(noformat(file.name())).append(":\n{noformat}")
                    .append(noformat(file.content())).append("{noformat}\n"));
            description = text.toString();
        }
        String summary = ("Perimeter: " + finding.title()).replace('\n', ' ');
        Map<String, Object> fields = map("project", map("key", settings.get("project")),
                "summary", summary.length() > 250 ? summary.substring(0, 250) : summary,
                "description", description,
                "issuetype", map("name", settings.getOrDefault("issueType", "Task")));
        return new PlannedRequest("POST", "/rest/api/" + version + "/issue", store.write(map("fields", fields)));
    }

    private List<PlannedRequest> kong(List<PolicyFile> files) {
        List<PlannedRequest> calls = new ArrayList<>();
        for (PolicyFile file : files) {
            List<Map<String, Object>> parsed = store.read(file.content(),
                    Argument.listOf(Argument.mapOf(String.class, Object.class)));
            for (Map<String, Object> call : parsed) {
                calls.add(new PlannedRequest((String) call.get("method"), (String) call.get("path"),
                        store.write(call.get("body"))));
            }
        }
        return calls;
    }

    private static Map<String, Object> paragraph(String text) {
        return map("type", "paragraph", "content", List.of(map("type", "text", "text", text)));
    }

    private static String escapeSlack(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String noformat(String text) {
        return text.replace("{noformat}", "{ noformat}");
    }
}
