package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The checkout the tests run in: the quick start reads scripts/ and quickstart/ from it. */
final class Checkout {
    private Checkout() {}

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("scripts/perimeter-edge"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the checkout above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
