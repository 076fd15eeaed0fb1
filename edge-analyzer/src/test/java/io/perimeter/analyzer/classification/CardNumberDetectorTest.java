package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumberDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "4111111111111111", // Visa test card
        "4012888888881881", // Visa
        "4222222222222", // Visa, 13 digits
        "5555555555554444", // Mastercard
        "5105105105105100", // Mastercard
        "2223003122003222", // Mastercard 2-series
        "378282246310005", // American Express
        "371449635398431", // American Express
        "6011111111111117", // Discover
        "6011000990139424", // Discover
        "3530111333300000", // JCB
        "3566002020360505", // JCB
        "30569309025904", // Diners Club, 14 digits
        "38520000023237", // Diners Club
        "6200000000000005", // UnionPay
        "6759649826438453", // Maestro
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "3782 822463 10005", // Amex print layout
        "3056 930902 5904" // Diners print layout
    })
    void acceptsRealTestCardNumbers(String number) {
        assertThat(CardNumberDetector.isCardNumber(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "4111111111111112", // one digit changed: Luhn fails
        "4111111111111121", // two digits swapped... and Luhn fails
        "5555555555554445",
        "378282246310006",
        "1234567812345678", // Luhn-valid? no issuer starts with 1
        "0000000000000000", // Luhn-valid, no issuer
        "9999999999999995", // no issuer
        "4111111111111111111111", // too long
        "41111111111", // too short
        "4111 1111 1111 111", // Luhn fails on 15 digits
        "4111  1111 1111 1111", // doubled separator
        "4111-1111 1111-1111", // mixed separators
        "41 1111 1111 1111 11", // not a card layout
        "4111 111111111111", // not a card layout
        "4111111111111111 ", // caller trims; a trailing space is not a layout
        "4111.1111.1111.1111",
        "411111111111111a"
    })
    void rejectsNumbersThatAreNotCards(String number) {
        assertThat(CardNumberDetector.isCardNumber(number)).isFalse();
    }

    @Test
    void visaLengthMustBe13_16Or19() {
        // 4 + 14 digits with a valid check digit is 15 digits: no Visa is 15 long.
        String fifteen = withCheckDigit("41111111111111");
        assertThat(CardNumberDetector.luhnValid(Long.parseLong(fifteen))).isTrue();
        assertThat(CardNumberDetector.isCardNumber(fifteen)).isFalse();
    }

    @Test
    void amexMustBe15Long() {
        String sixteen = withCheckDigit("378282246310000");
        assertThat(CardNumberDetector.isCardNumber(sixteen)).isFalse();
    }

    @Test
    void mastercardTwoSeriesBoundaries() {
        assertThat(CardNumberDetector.isCardNumber(withCheckDigit("222100000000000"))).isTrue();
        assertThat(CardNumberDetector.isCardNumber(withCheckDigit("272099999999999"))).isTrue();
        assertThat(CardNumberDetector.isCardNumber(withCheckDigit("222000000000000"))).isFalse();
        assertThat(CardNumberDetector.isCardNumber(withCheckDigit("272100000000000"))).isFalse();
    }

    @Test
    void nineteenDigitNumbersStartingWithNineDoNotOverflow() {
        assertThat(CardNumberDetector.isCardNumber("9999999999999999999")).isFalse();
        assertThat(CardNumberDetector.isCardNumber(withCheckDigit("411111111111111111"))).isTrue();
    }

    /** Appends the Luhn check digit to {@code partial}. */
    static String withCheckDigit(String partial) {
        for (int d = 0; d <= 9; d++) {
            String candidate = partial + d;
            if (CardNumberDetector.luhnValid(Long.parseLong(candidate))) {
                return candidate;
            }
        }
        throw new AssertionError();
    }
}
