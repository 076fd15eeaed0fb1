package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pre-filter must let through every value a detector could accept; the corpus tests check it on real samples. */
class ValueShapeTest {

    @Test
    void lettersOnlyTextCanHoldNothingTheScannerFinds() {
        ValueShape shape = ValueShape.of("Desk lamp with a warm shade");
        assertThat(shape.mayHoldTokens()).isFalse();
        assertThat(shape.mayBePhoneNumber()).isFalse();
        assertThat(shape.mayBeIpAddress()).isFalse();
    }

    @Test
    void eachScannedKindStillGetsThrough() {
        assertThat(ValueShape.of("write to pat@example.org").mayHoldTokens()).isTrue();
        assertThat(ValueShape.of("from fe::ab today").mayHoldTokens()).isTrue();
        assertThat(ValueShape.of("token eyJhbGciOiJIUzI1NiJ9.e30.abc").mayHoldTokens()).isTrue();
        assertThat(ValueShape.of("call +1 415 555 0100 please").mayBePhoneNumber()).isTrue();
    }

    @Test
    void addressesNeedTheirSeparators() {
        assertThat(ValueShape.of("10.0.0.1").mayBeIpAddress()).isTrue();
        assertThat(ValueShape.of("::1").mayBeIpAddress()).isTrue();
        assertThat(ValueShape.of("1.2.3").mayBeIpAddress()).isFalse();
    }

    @Test
    void digitCountsBoundCardsAndSsns() {
        assertThat(ValueShape.of("4111 1111 1111 1111").mayBeCardNumber()).isTrue();
        assertThat(ValueShape.of("SKU-48213").mayBeCardNumber()).isFalse();
        assertThat(ValueShape.of("536-22-8174").mayBeSsn()).isTrue();
        assertThat(ValueShape.of("536-22-81745").mayBeSsn()).isFalse();
    }

    /**
     * Classification skips the shape of a value that starts with a letter other than a hex digit, or that is a JWT,
     * unless it could be free text: what makes that safe is that such a value is never an IP address, and a value
     * without a space or line break in ten characters or more is never free text. Checked over the corpus and the
     * JWTs, addresses and near misses below.
     */
    @Test
    void valuesWhoseShapeIsNotReadCannotBeWhatTheShapeWouldAdmit() {
        java.util.List<String> values = new java.util.ArrayList<>(java.util.List.of("eyJhbGciOiJIUzI1NiJ9.e30.abc",
                "ewogImFsZyI6ICJIUzI1NiIKfQ.e30.sig", "fe80::1%eth0", "[::1]:8080", "10.0.0.1, 10.0.0.2", "abcd::12",
                "Desk lamp", "ok", "x\nline two!!"));
        for (LabelledSample sample : LabelledCorpus.read(LabelledCorpus.FILE)) {
            values.add(sample.value().strip());
        }
        int ips = 0;
        for (String v : values) {
            if (v.isEmpty()) {
                continue;
            }
            boolean ip = IpAddressDetector.isIpAddress(v);
            ips += ip ? 1 : 0;
            if (JwtDetector.isJwt(v) || !IpAddressDetector.mayStartWith(v.charAt(0))) {
                assertThat(ip).as(v).isFalse();
            }
            if (v.length() < FreeTextScanner.MIN_CHARS || v.indexOf(' ') < 0 && v.indexOf('\n') < 0) {
                assertThat(FreeTextScanner.isText(v)).as(v).isFalse();
            }
        }
        assertThat(ips).isGreaterThan(100);
    }
}
