package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "jane.doe@example.com",
        "JANE.DOE@EXAMPLE.COM",
        "j+newsletter@mail.example.co.uk",
        "o'brien@example.ie",
        "x_y-z@sub-domain.example.org",
        "1234@numbers.io",
        "user@xn--bcher-kva.example",
        "a.b@c.xn--p1ai",
        "mailto:jane@example.com",
        "Jane Doe <jane@example.com>",
        "\"Doe, Jane\" <jane@example.com>"
    })
    void acceptsAddresses(String value) {
        assertThat(EmailDetector.isEmail(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "root@localhost", // no TLD
        "jane@example", // no TLD
        "@jane", // a handle
        "jane@", // no domain
        "icon@2x.png", // an asset file name
        "logo@3x.webp",
        "lodash@4.17.21", // a package version
        "@scope/pkg@1.0.0",
        "git@github.com:org/repo.git",
        "jane@@example.com",
        "jane..doe@example.com",
        ".jane@example.com",
        "jane.@example.com",
        "jane@-example.com",
        "jane@example-.com",
        "jane@example..com",
        "jane@example.c",
        "jane@example.123",
        "jane doe@example.com",
        "jane@exa mple.com",
        "user@[192.0.2.1]",
        "not an email",
        "Jane <jane@example>"
    })
    void rejectsLookAlikes(String value) {
        assertThat(EmailDetector.isEmail(value)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void localPartLongerThan64IsRejected() {
        String local = "a".repeat(65);
        assertThat(EmailDetector.isEmail(local + "@example.com")).isFalse();
        assertThat(EmailDetector.isEmail("a".repeat(64) + "@example.com")).isTrue();
    }
}
