package io.perimeter.console.playbooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perimeter.cloud.playbooks.DestinationView;
import io.perimeter.cloud.playbooks.PlaybookAction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The action lines of the playbook form: read back as written, and a line that cannot be read named in the error. */
class ActionLinesTest {
    private static final UUID HOOK = UUID.fromString("6d1f0000-0000-4000-8000-000000000001");
    private static final List<DestinationView> DESTINATIONS = List.of(
            new DestinationView(HOOK, "policy pipeline", "webhook", "https://hooks.example/p", true, Map.of()));

    @Test
    void linesAreReadIntoActionsAndWrittenBackTheSame() {
        String text = "policy nginx rate-limit rate=60 to=policy pipeline\nnotify to=policy pipeline\n\n"
                + "policy envoy block-route";
        List<PlaybookAction> actions = ActionLines.parse(text, DESTINATIONS);
        assertThat(actions).containsExactly(new PlaybookAction("policy", "nginx", "rate-limit", HOOK, 60),
                new PlaybookAction("notify", null, null, HOOK, null),
                new PlaybookAction("policy", "envoy", "block-route", null, null));
        assertThat(ActionLines.format(actions, id -> Optional.of("policy pipeline")))
                .isEqualTo(text.replace("\n\n", "\n"));
    }

    @Test
    void aLineWithoutTheKindOfActionIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> ActionLines.parse("notify to=policy pipeline\nrate=5", DESTINATIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action line 2")
                .hasMessageContaining("policy GATEWAY MODE");
        assertThatThrownBy(() -> ActionLines.parse("  rate=5 to=policy pipeline", DESTINATIONS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("action line 1");
        assertThatThrownBy(() -> ActionLines.parse("policy nginx rate-limit rate=fast", DESTINATIONS))
                .hasMessageContaining("rate must be a number");
        assertThatThrownBy(() -> ActionLines.parse("notify to=nowhere", DESTINATIONS))
                .hasMessageContaining("no destination named so");
    }
}
