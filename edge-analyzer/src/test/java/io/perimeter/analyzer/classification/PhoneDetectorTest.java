package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {

    private final PhoneDetector us = new PhoneDetector("US");
    private final PhoneDetector de = new PhoneDetector("DE");

    @ParameterizedTest
    @ValueSource(strings = {
        "+14155552671",
        "+1 415-555-2671",
        "+44 20 7946 0958",
        "+442079460958",
        "+49 30 901820",
        "+49 1512 3456789",
        "+33 6 12 34 56 78",
        "+81 90-1234-5678",
        "+61 412 345 678",
        "+91 98765 43210",
        "+55 11 91234-5678"
    })
    void acceptsInternationalNumbersInAnyField(String value) {
        assertThat(us.isPhoneNumber(value, false)).isTrue();
        assertThat(de.isPhoneNumber(value, false)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"(415) 555-2671", "415-555-2671", "415.555.2671", "415 555 2671"})
    void acceptsFormattedNationalNumbersOfTheDefaultRegion(String value) {
        assertThat(us.isPhoneNumber(value, false)).isTrue();
    }

    @Test
    void bareNationalDigitsNeedAPhoneNamedField() {
        assertThat(us.isPhoneNumber("4155552671", true)).isTrue();
        assertThat(us.isPhoneNumber("4155552671", false)).isFalse();
        assertThat(us.isPhoneNumber("4155552671", true)).isTrue();
    }

    @Test
    void nationalNumbersAreReadInTheConfiguredRegion() {
        assertThat(de.isPhoneNumber("030 901820", true)).isTrue();
        assertThat(de.isPhoneNumber("0151 23456789", true)).isTrue();
        assertThat(us.isPhoneNumber("0151 23456789", true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "+1 123 456 7890", // NANP area codes never start with 1
        "+1 415 555 267", // too short
        "+999 1234 5678", // no such country code
        "000-000-0000",
        "2024-01-15", // a date
        "15.01.2024",
        "01/15/2024",
        "536-22-8726", // an SSN
        "192.168.100.200", // an IPv4 address
        "1 234 567", // an amount
        "1.234.567.890",
        "1-800-FLOWERS",
        "+1 415 555 2671 extra",
        "12345",
        "+02:00"
    })
    void rejectsLookAlikes(String value) {
        assertThat(us.isPhoneNumber(value, false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 2671 ext. 5", "+1 415-555-2671 ext 123", "(415) 555-2671 x12", "+44 20 7946 0958 #4",
        "+1 415 555 2671 extension 99"})
    void acceptsExtensions(String value) {
        assertThat(us.isPhoneNumber(value, false)).isTrue();
    }

    @Test
    void findsPunctuatedNumbersInText() {
        assertThat(us.containsPhoneNumber("Customer called from (415) 555-2671, wants a refund")).isTrue();
        assertThat(us.containsPhoneNumber("Reach me on +44 20 7946 0958 after six")).isTrue();
        assertThat(us.containsPhoneNumber("Order 4155552671 confirmed, thank you")).isFalse();
        assertThat(us.containsPhoneNumber("Request forwarded by 10.235.75.225 to the pool")).isFalse();
        assertThat(us.containsPhoneNumber("Released build 12.0.22485.185 to the ring")).isFalse();
        assertThat(us.containsPhoneNumber("No digits here at all")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Call 415.555.2671.",
        "(+44 20 7946 0958)",                      // an international number opened by a parenthesis
        "on 2024-01-02 415-555-2671 again",        // a word of a run that starts with a date
        "415-555-2671 2 times",                    // the first word of a run
        "version 1.2/(415) 555-2671",              // from a later parenthesis, after a version
        "(415-555-2671 unanswered",                // a parenthesis never closed is not the number's
        "fax 415/555-2671 (415) 555-2671 x12",
        "Reach me on +1-415-555-2671!"})
    void findsNumbersWhereverTheTextPutsThem(String text) {
        assertThat(us.containsPhoneNumber(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SKU415-555-2671",                         // after a letter
        "415-555-2671% of the quota",              // before a percent sign
        "GB29 NWBK 6016 1331 9268 19",             // the digit groups of a printed IBAN
        "GB46 NWBK 1130 8524 2627 13",             // ... whose first three groups alone would be a valid number
        "on 2024-01-02 10.235.75.225",             // an IP address after a date
        "on 2024-01-02 3/4/2015",                  // two dates
        "(3/14/2015 was the day",
        "Retry after 1706579365 (epoch seconds)",  // a bare digit run
        "Released build 12.0.22485.185 to the ring",
        "version 415-555-2671"})
    void leavesOtherDigitsInTextAlone(String text) {
        assertThat(us.containsPhoneNumber(text)).isFalse();
    }

    /**
     * In a NANP default region ten digits starting with 2–9 (or eleven after a 1), and in US, CA, DO, JM and PR any
     * number starting with 2–9, are read as the national number without libphonenumber's parser; everything else goes
     * to the parser. In every NANP region, for numbers of every length from 7 to 15, with a 1, 11, 0 or the 011 exit
     * code in front or not, the answers are those of the parse (which also finds seven-digit numbers valid: Canada's
     * 310-xxxx, the local numbers that AG, BB, GU, … complete).
     */
    @Test
    void nanpNumbersAnswerAsTheParseDoes() throws Exception {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        Random random = new Random(20261207);
        String[] starts = {"011", "1", "11", "0", "01", "310", "", "", ""};
        int valid = 0;
        for (String region : util.getRegionCodesForCountryCode(1)) {
            PhoneDetector detector = new PhoneDetector(region);
            for (int i = 0; i < 2_000; i++) {
                StringBuilder digits = new StringBuilder(starts[random.nextInt(starts.length)]);
                int length = 7 + random.nextInt(9);
                while (digits.length() < length) {
                    digits.append((char) ('0' + (digits.length() == 0 ? 2 + random.nextInt(8) : random.nextInt(10))));
                }
                StringBuilder value = new StringBuilder();
                for (int d = 0; d < digits.length(); d++) {
                    if (d > 0 && random.nextInt(4) == 0) {
                        value.append(random.nextBoolean() ? ' ' : '-');
                    }
                    value.append(digits.charAt(d));
                }
                boolean expected;
                try {
                    expected = util.isValidNumber(util.parse(value.toString(), region));
                } catch (NumberParseException notANumber) {
                    expected = false;
                }
                valid += expected ? 1 : 0;
                assertThat(detector.isPhoneNumber(value.toString(), true)).as(region + " " + value).isEqualTo(expected);
            }
        }
        assertThat(valid).as("valid numbers").isGreaterThan(2_000);
    }

    /** Text made of number starts gets a bounded number of candidates validated, and no number. */
    @Test
    void hostileTextIsReadWithBoundedWork() {
        String pluses = "+999999-.9-.9-.9-.9-.9-.9-.9-.9 ".repeat(70);
        String parentheses = "(".repeat(2_030) + " 1234567";
        for (String text : List.of(pluses, parentheses)) {
            assertThat(us.containsPhoneNumber(text)).isFalse();
            assertThat(new PhoneDetector("DE").containsPhoneNumber(text)).isFalse();
        }
        assertThat(us.containsPhoneNumber("(".repeat(2_000) + "(415) 555-2671")).as("a number beyond the text's cap").isFalse();
        assertThat(us.containsPhoneNumber("((((( (415) 555-2671")).isTrue();
    }

    @Test
    void invalidNumbersAreRejectedEvenInPhoneFields() {
        assertThat(us.isPhoneNumber("123-456-7890", true)).isFalse();
        assertThat(us.isPhoneNumber("5555555", true)).isFalse();
    }
}
