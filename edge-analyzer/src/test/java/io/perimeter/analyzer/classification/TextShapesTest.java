package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextShapesTest {

    @ParameterizedTest
    @ValueSource(strings = {"1985-03-12", "1985-03-12T00:00:00Z", "1985/03/12", "19850312", "12/03/1985", "3/12/1985",
        "12.03.1985", "03-12-1985", "12 March 1985", "March 12, 1985", "12-Mar-1985", "Mar 3rd 1985", "2000-02-29"})
    void datesLookLikeDates(String value) {
        assertThat(TextShapes.looksLikeDate(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1985-13-12", "1985-02-30", "1900-02-29", "1850-01-01", "12/13/14", "13/13/1985", "unknown",
        "1985", "19851312", "Paris", "12 Foo 1985", "March 1985 March", "1985-03-12 garbage!", "1717171717"})
    void nonDatesDoNot(String value) {
        assertThat(TextShapes.looksLikeDate(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Jane", "O'Brien", "Anne-Marie van der Berg", "Zoë", "José Álvarez", "Dr. J. Smith", "李小龍"})
    void namesLookLikeNames(String value) {
        assertThat(TextShapes.looksLikePersonName(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdoe42", "jane@example.com", "true", "null", "N/A", "12345", "-", "a b c d e f g h i j"})
    void nonNamesDoNot(String value) {
        assertThat(TextShapes.looksLikePersonName(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"94105", "94105-1234", "SW1A 1AA", "K1A 0B1", "1012 AB", "01310-100", "10115"})
    void postalCodes(String value) {
        assertThat(TextShapes.looksLikePostalCode(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/zip", "true", "ab", "ABCDEFG", "123456789012"})
    void nonPostalCodes(String value) {
        assertThat(TextShapes.looksLikePostalCode(value)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"221B Baker Street", "Hauptstraße 5, 10115 Berlin", "Apt 4"})
    void addresses(String value) {
        assertThat(TextShapes.looksLikeAddress(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jane@example.com", "0x71C7656EC7ab88b098defB751B7401B5f6d8976F", "http://x.example/a b", "true", "10.0.0.1"})
    void nonAddresses(String value) {
        assertThat(TextShapes.looksLikeAddress(value)).isFalse();
    }
}
