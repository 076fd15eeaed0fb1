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

    /** The header and fact names are checked as the contract's patterns check them. */
    @Test
    void namesAreCheckedAsTheContractPatternsCheckThem() {
        java.util.regex.Pattern header = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
        java.util.regex.Pattern fact = java.util.regex.Pattern.compile("[a-z][A-Za-z0-9]{0,39}");
        List<String> names = new java.util.ArrayList<>(List.of("", "Authorization", "X-Api-Key", "-x", "x-", "a b",
                "x_y", "Ünicode", "retryAfter", "RetryAfter", "a", "9lives", "serverError", "x.y", "a".repeat(40),
                "a".repeat(41), "A".repeat(64), "A".repeat(65), "tab\t", "semi;colon"));
        for (char c = 0; c < 256; c++) {
            names.add("a" + c);
            names.add(String.valueOf(c));
        }
        for (String name : names) {
            assertThat(EvidenceNames.isHeaderName(name)).as(name).isEqualTo(header.matcher(name).matches());
            assertThat(EvidenceNames.isFactName(name)).as(name).isEqualTo(fact.matcher(name).matches());
        }
        assertThat(EvidenceNames.isHeaderName(null)).isFalse();
        assertThat(EvidenceNames.isFactName(null)).isFalse();
    }
}
