package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {"536-22-8726", "001-01-0001", "665-99-9999", "667-01-0001", "899-99-9999", "536 22 8726"})
    void acceptsFormattedSsnsInAnyField(String ssn) {
        assertThat(SsnDetector.isSsn(ssn, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "000-12-3456", // area 000
        "666-12-3456", // area 666
        "900-12-3456", // 9xx: ITIN range
        "999-12-3456",
        "123-00-4567", // group 00
        "123-45-0000", // serial 0000
        "078-05-1120", // Woolworth wallet card
        "219-09-9999", // SSA pamphlet
        "457-55-5462", // advertising
        "123-45-6789", // placeholder
        "536-22 8726", // mixed separators
        "53-622-8726", // wrong grouping
        "536_22_8726",
        "5362-28-726"
    })
    void rejectsNumbersTheSsaNeverIssues(String ssn) {
        assertThat(SsnDetector.isSsn(ssn, true)).isFalse();
    }

    @Test
    void bareNineDigitsOnlyInAnSsnNamedField() {
        assertThat(SsnDetector.isSsn("536228726", true)).isTrue();
        assertThat(SsnDetector.isSsn("536228726", false)).isFalse();
        assertThat(SsnDetector.isSsn("900228726", true)).isFalse();
    }
}
