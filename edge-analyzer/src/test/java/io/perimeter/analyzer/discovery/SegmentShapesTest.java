package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SegmentShapesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // literal kinds
        "users, WORD",
        "payment-methods, WORD",
        "new-arrivals, WORD",
        "oauth2, WORD",
        "ipv6, WORD",
        "k8s, WORD",
        "sha256, WORD",
        "$everything, WORD",
        "_search, WORD",
        "getUserAccountPreferences, WORD",
        "openapi.json, WORD",
        "v1, VERSION",
        "V2, VERSION",
        "v2.1, VERSION",
        "v1beta1, VERSION",
        // numbers and mixed ids
        "42, ID",
        "4111111111111111, ID",
        "a1b2c3, ID",
        "usr_8f3k2, ID",
        "INV-2024-0042, ID",
        "user123, ID",
        "2024-01, ID",
        "1.2.3, ID",
        "cus_NffrFeUfNV2Hib, ID",
        "card_CaUptrNYrkVTxULEcb, ID",
        "1Z999AA10123456784, ID",
        // typed
        "5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10, UUID",
        "01ARZ3NDEKTSV4RRFFQ69G5FAV, ULID",
        "d41d8cd98f00b204e9800998ecf8427e, HASH",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709, HASH",
        "3f9a8b7c6d5e4f30, HASH",
        "2024-03-01, DATE",
        "2024-03-01T10:15:00Z, DATE_TIME",
        "canary.user@example.test, EMAIL",
        "canary.user%40example.test, EMAIL",
        "dGhpcyBpcyBhIHRva2Vu_X9zZWNyZXQ, TOKEN",
        "SRmbzqyoGiXOcPyKTRMBEUqdQNnWPlJv, TOKEN",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl, TOKEN",
        // values a template must not keep
        "@jdoe, PARAM",
        "red%20shoes, PARAM",
        "a:b, PARAM",
        "x@y, PARAM",
    })
    void classifies(String segment, SegmentKind expected) {
        assertThat(SegmentShapes.classify(segment, 0, segment.length())).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"2024-13-01", "2024-02-45"})
    void rejectsImpossibleDates(String segment) {
        assertThat(SegmentShapes.classify(segment, 0, segment.length())).isNotIn(SegmentKind.DATE, SegmentKind.WORD);
    }

    @ParameterizedTest
    @CsvSource({"users", "Users", "payment-methods", "reset_password", "_search", "me", "health"})
    void wellKnownWordsAndCompounds(String word) {
        assertThat(WellKnownWords.contains(word)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"red-running-shoe", "jdoe", "acme-corp", "widgets"})
    void valuesAreNotWellKnown(String word) {
        assertThat(WellKnownWords.contains(word)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void capitalCodesAreNotProtectedEvenWhenTheyMatchAWord() {
        assertThat(PathTemplater.isWellKnown("add")).isTrue();
        assertThat(PathTemplater.isWellKnown("ADD")).isFalse();
        assertThat(PathTemplater.isWellKnown("Patient")).isTrue();
    }
}
