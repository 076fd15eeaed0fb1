package io.perimeter.console.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void theWrittenFormReadsBackAndMatchesOnlyItsPassword() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray());
        PasswordHash read = PasswordHash.parse(hash.toString());

        assertThat(hash.toString()).startsWith("pbkdf2-sha256$600000$").doesNotContain("correct");
        assertThat(read.matches("correct horse".toCharArray())).isTrue();
        assertThat(read.matches("correct horsE".toCharArray())).isFalse();
        assertThat(read.matches(new char[0])).isFalse();
    }

    @Test
    void theSameTwoPasswordsGetDifferentSalts() {
        assertThat(PasswordHash.of("same".toCharArray()).toString())
                .isNotEqualTo(PasswordHash.of("same".toCharArray()).toString());
    }

    @Test
    void refusesWhatIsNotAHashOfItsKind() {
        assertThatThrownBy(() -> PasswordHash.parse("plain-password")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pbkdf2-sha256$<iterations>$<salt>$<hash>");
        assertThatThrownBy(() -> PasswordHash.parse("pbkdf2-sha256$1000$c2FsdHNhbHRzYWx0c2FsdA$"
                + "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10,000 iterations");
    }
}
