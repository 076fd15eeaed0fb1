package io.perimeter.console.playbooks;

import io.perimeter.cloud.playbooks.DestinationView;
import io.perimeter.cloud.playbooks.PlaybookAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A playbook's actions as lines of text a form can edit, one per action:
 * {@code policy <gateway> <mode> [rate=<n>] [to=<destination name>]} or {@code notify to=<destination name>}.
 * Destinations are named, not referred to by id; unknown words are kept so the API's validation names the problem.
 */
final class ActionLines {
    private ActionLines() {
    }

    static String format(List<PlaybookAction> actions, Function<UUID, Optional<String>> destinationName) {
        return actions.stream().map(a -> {
            StringBuilder line = new StringBuilder(a.type());
            if (a.gateway() != null) {
                line.append(' ').append(a.gateway());
            }
            if (a.mode() != null) {
                line.append(' ').append(a.mode());
            }
            if (a.ratePerMinute() != null) {
                line.append(" rate=").append(a.ratePerMinute());
            }
            if (a.destinationId() != null) {
                line.append(" to=").append(destinationName.apply(a.destinationId()).orElse(a.destinationId().toString()));
            }
            return line.toString();
        }).collect(Collectors.joining("\n"));
    }

    /** The actions of {@code text}; a line that cannot be read is a {@link IllegalArgumentException} naming it. */
    static List<PlaybookAction> parse(String text, List<DestinationView> destinations) {
        Map<String, UUID> byName = destinations.stream()
                .collect(Collectors.toMap(DestinationView::name, DestinationView::id, (a, b) -> a));
        List<PlaybookAction> actions = new ArrayList<>();
        int number = 0;
        for (String raw : (text == null ? "" : text).split("\\R")) {
            number++;
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            String destination = null;
            int to = line.indexOf(" to=");
            if (to >= 0) {
                destination = line.substring(to + 4).strip();
                line = line.substring(0, to).strip();
            }
            String[] words = line.split("\\s+");
            Integer rate = null;
            List<String> plain = new ArrayList<>();
            for (String word : words) {
                if (word.startsWith("rate=")) {
                    try {
                        rate = Integer.parseInt(word.substring(5));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("action line " + number + ": rate must be a number");
                    }
                } else {
                    plain.add(word);
                }
            }
            if (plain.isEmpty()) {
                throw new IllegalArgumentException("action line " + number + ": start with the kind of action: "
                        + "policy GATEWAY MODE [rate=N] [to=DESTINATION NAME] or notify to=DESTINATION NAME");
            }
            UUID destinationId = null;
            if (destination != null) {
                destinationId = byName.get(destination);
                if (destinationId == null) {
                    throw new IllegalArgumentException("action line " + number + ": no destination named so");
                }
            }
            actions.add(new PlaybookAction(plain.getFirst(), plain.size() > 1 ? plain.get(1) : null,
                    plain.size() > 2 ? plain.get(2) : null, destinationId, rate));
        }
        return actions;
    }
}
