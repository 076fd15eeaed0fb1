package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NumberPlansTest {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int NUMBERS_PER_REGION = 600;

    @Test
    void everyRegionsExpressionsAreCompiled() {
        assertThat(NumberPlans.allReadable()).isTrue();
    }

    /**
     * Numbers of every calling code and region: libphonenumber's example numbers of each type, with a few digits
     * changed, one added or removed, or a leading zero put in front, so that about half are valid and the rest
     * fail by a digit or a length.
     */
    @Test
    void answersAsLibphonenumberDoes() {
        Random random = new Random(20261207);
        List<PhoneNumber> numbers = new ArrayList<>();
        for (String region : UTIL.getSupportedRegions()) {
            addVariants(numbers, UTIL.getCountryCodeForRegion(region), examples(region, 0), random);
        }
        for (int countryCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            addVariants(numbers, countryCode, examples(null, countryCode), random);
        }
        for (String unassigned : List.of("12345678", "2025550123")) {
            numbers.add(number(999, unassigned)); // no such calling code
        }

        int valid = 0;
        List<String> disagreements = new ArrayList<>();
        for (PhoneNumber number : numbers) {
            boolean expected = UTIL.isValidNumber(number);
            valid += expected ? 1 : 0;
            if (NumberPlans.isValid(number) != expected) {
                disagreements.add("+" + number.getCountryCode() + " " + UTIL.getNationalSignificantNumber(number)
                        + " (libphonenumber: " + expected + ")");
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(valid).as("valid numbers among %d", numbers.size())
                .isBetween(numbers.size() / 4, numbers.size() * 3 / 4);
    }

    private static List<String> examples(String region, int nonGeographicCode) {
        List<String> examples = new ArrayList<>();
        for (PhoneNumberType type : PhoneNumberType.values()) {
            PhoneNumber example = region != null
                    ? UTIL.getExampleNumberForType(region, type)
                    : UTIL.getExampleNumberForNonGeoEntity(nonGeographicCode);
            if (example != null) {
                examples.add(UTIL.getNationalSignificantNumber(example));
            }
        }
        return examples.isEmpty() ? List.of("12345678") : examples;
    }

    private static void addVariants(List<PhoneNumber> numbers, int countryCode, List<String> examples, Random random) {
        for (int i = 0; i < NUMBERS_PER_REGION; i++) {
            StringBuilder digits = new StringBuilder(examples.get(random.nextInt(examples.size())));
            int changes = random.nextInt(4);
            for (int k = 0; k < changes; k++) {
                digits.setCharAt(random.nextInt(digits.length()), (char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) == 0) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextInt(5) == 0 && digits.length() > 2) {
                digits.setLength(digits.length() - 1);
            }
            if (random.nextInt(10) == 0) {
                digits.insert(0, '0');
            }
            numbers.add(number(countryCode, digits.toString()));
        }
    }

    /** A number whose national significant number is {@code digits}, leading zeros included. */
    private static PhoneNumber number(int countryCode, String digits) {
        int zeros = 0;
        while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') {
            zeros++;
        }
        PhoneNumber number = new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(digits));
        if (zeros > 0) {
            number.setItalianLeadingZero(true);
            if (zeros > 1) {
                number.setNumberOfLeadingZeros(zeros);
            }
        }
        return number;
    }
}
