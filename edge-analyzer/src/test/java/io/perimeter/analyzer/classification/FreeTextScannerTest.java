package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreeTextScannerTest {

    private final PhoneDetector phones = new PhoneDetector("US");

    private Set<DataClass> found(String text) {
        assertThat(FreeTextScanner.isText(text)).as("is text: %s", text).isTrue();
        int classes = FreeTextScanner.scan(text, phones, true).classes();
        Set<DataClass> set = EnumSet.noneOf(DataClass.class);
        for (DataClass c : DataClass.values()) {
            if ((classes & (1 << c.ordinal())) != 0) {
                set.add(c);
            }
        }
        return set;
    }

    @Test
    void findsValuesInsideSentences() {
        assertThat(found("Please contact me at 3vd.x@example.com if there is any problem."))
                .containsExactly(DataClass.EMAIL);
        assertThat(found("Login failed for user jane@example.com from 203.0.113.7"))
                .containsExactlyInAnyOrder(DataClass.EMAIL, DataClass.IP_ADDRESS);
        assertThat(found("Card 4111111111111111 declined (insufficient funds)")).containsExactly(DataClass.CARD_NUMBER);
        assertThat(found("SSN on file: 536-22-8726, verified.")).containsExactly(DataClass.US_SSN);
        assertThat(found("Refund to IBAN DE89370400440532013000, please.")).containsExactly(DataClass.IBAN);
        assertThat(found("Call (415) 555-2671 after six")).containsExactly(DataClass.PHONE);
        FreeTextScanner.Found secret = FreeTextScanner.scan("Use key AKIA" + "ABCDEFGHIJKLMNOP" + " for staging", phones, true);
        assertThat(secret.secretKind()).isEqualTo(SecretKind.AWS_ACCESS_KEY);
    }

    @Test
    void leavesOrdinaryProseAlone() {
        assertThat(found("Please leave the parcel at the back door, thanks")).isEmpty();
        assertThat(found("Upgrade to version 1.2.3.4 before Friday")).isEmpty();
        assertThat(found("Order 4155552671 confirmed, thank you")).isEmpty();
        assertThat(found("Meeting at 10:30 on 2024-05-01 in room 4B")).isEmpty();
        assertThat(found("Thanks @jane for the report!")).isEmpty();
        assertThat(found("Build 3f9a1c2e7b4d4e8f9a0b1c2d3e4f5a6b7c8d9e0f deployed to prod")).isEmpty();
    }

    @Test
    void onlyProseIsScanned() {
        assertThat(FreeTextScanner.isText("4111 1111 1111 1112")).isFalse(); // digits and spaces only
        assertThat(FreeTextScanner.isText("short one")).isFalse();
        assertThat(FreeTextScanner.isText("no-spaces-in-this-value")).isFalse();
    }
}
