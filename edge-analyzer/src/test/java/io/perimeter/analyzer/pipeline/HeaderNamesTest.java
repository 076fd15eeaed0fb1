package io.perimeter.analyzer.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void answersAsACaseInsensitiveSortedSetDoes() {
        List<String> names = List.of("host", "content-length", "content-type", "keep-alive", "age", "set-cookie");
        HeaderNames set = new HeaderNames(names.toArray(String[]::new));
        TreeSet<String> reference = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        reference.addAll(names);
        for (String name : List.of("Host", "HOST", "host", "Content-Type", "content-TYPE", "content-types", "content-typ",
                "Keep-Alive", "\u212Aeep-alive", "Age", "AGE", "ages", "X-Request-Id", "", "Set-Cookie", "Cookie",
                "a-very-long-header-name-beyond-every-known-one")) {
            assertThat(set.contains(name)).as(name).isEqualTo(reference.contains(name));
        }
        assertThat(set.contains("\u212Aeep-alive")).as("the Kelvin sign folds to k, as in equalsIgnoreCase").isTrue();
    }
}
