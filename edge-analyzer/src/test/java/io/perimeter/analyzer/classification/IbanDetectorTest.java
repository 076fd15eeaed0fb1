package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89370400440532013000",
        "DE89 3704 0044 0532 0130 00",
        "GB29NWBK60161331926819",
        "GB29 NWBK 6016 1331 9268 19",
        "FR1420041010050500013M02606",
        "ES9121000418450200051332",
        "IT60X0542811101000000123456",
        "NL91ABNA0417164300",
        "BE68539007547034",
        "CH9300762011623852957",
        "AT611904300234573201",
        "PL61109010140000071219812874",
        "NO9386011117947",
        "SA0380000000608010167519",
        "BR1800360305000010009795493C1",
        "MT84MALT011000012345MTLCAST001S",
        "gb29nwbk60161331926819"
    })
    void acceptsValidIbans(String iban) {
        assertThat(IbanDetector.isIban(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "DE89370400440532013001", // checksum fails
        "DE88370400440532013000", // check digits wrong
        "GB29NWBK60161331926818",
        "FR1420041010050500013M02607",
        "DE8937040044053201300", // one character short for DE
        "DE893704004405320130000", // one too long
        "XX89370400440532013000", // no such country
        "US64SVBKUS6S3300958879", // the US has no IBAN
        "DE89 3704 0044 0532 0130 0", // wrong length in print form
        "DE89  3704 0044 0532 0130 00", // doubled space
        "DE8 93704 0044 0532 0130 00", // space in the wrong place
        "DE00370400440532013000", // check digits 00 are never issued
        "DEUTDEFF500", // a BIC
        "DE123456789" // a VAT number
    })
    void rejectsInvalidIbans(String iban) {
        assertThat(IbanDetector.isIban(iban)).isFalse();
    }

    @Test
    void knowsCountryLengths() {
        assertThat(IbanDetector.lengthOf("DE")).isEqualTo(22);
        assertThat(IbanDetector.lengthOf("NO")).isEqualTo(15);
        assertThat(IbanDetector.lengthOf("RU")).isEqualTo(33);
        assertThat(IbanDetector.lengthOf("US")).isZero();
    }
}
