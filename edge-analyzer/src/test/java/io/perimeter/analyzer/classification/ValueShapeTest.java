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
}
