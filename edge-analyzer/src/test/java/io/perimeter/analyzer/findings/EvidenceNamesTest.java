package io.perimeter.analyzer.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract forms of field paths that evidence remembers. */
class EvidenceNamesTest {

    /** Remembered contract paths are the paths worked out: on first and second sight and after the table emptied. */
    @Test
    void rememberedEvidencePathsAreThePathsWorkedOut() {
        List<String> paths = List.of("cards[].number", "customer.cards[0].number", "user[address][zip]", "items[].url",
                "by_email.ana@example.com.name", "sessions.AbCdEf0123456789xyzQ.token", "a..b", "[]", "x[1][2]", "tags[]",
                "orders.20240101.total", "$ref", "-x", "a".repeat(600));
        for (int round = 0; round < 2; round++) {
            for (String path : paths) {
                assertThat(EvidenceNames.fieldPath(path)).as(path).isEqualTo(EvidenceNames.contractPath(path));
            }
        }
        for (int i = 0; i <= EvidenceNames.REMEMBERED_PATHS; i++) {
            EvidenceNames.fieldPath("field" + i);
        }
        for (String path : paths) {
            assertThat(EvidenceNames.fieldPath(path)).as(path).isEqualTo(EvidenceNames.contractPath(path));
        }
        assertThat(EvidenceNames.fieldPath("user[address][zip]")).isEqualTo("user.address.zip");
        assertThat(EvidenceNames.fieldPath(" ")).isNull();
    }
}
