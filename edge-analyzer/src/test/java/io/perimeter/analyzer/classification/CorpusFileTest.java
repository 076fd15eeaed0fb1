package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps the checked-in corpus ({@code src/test/resources/classification/corpus.jsonl}) equal to what
 * {@link CorpusGenerator} produces, so that accuracy numbers always refer to a reproducible file.
 *
 * <p>After changing the generator, rewrite the file with {@code -Dcorpus.regenerate=true}:
 * {@code ./scripts/mvn -B -pl edge-analyzer -am -DskipITs test -Dtest=CorpusFileTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorpus.regenerate=true}.
 */
class CorpusFileTest {

    @Test
    void checkedInCorpusMatchesTheGenerator() throws IOException {
        List<LabelledSample> generated = CorpusGenerator.generate();
        String expected = LabelledCorpus.toJsonLines(generated);
        if (Boolean.getBoolean("corpus.regenerate")) {
            Files.createDirectories(LabelledCorpus.FILE.getParent());
            Files.writeString(LabelledCorpus.FILE, expected, StandardCharsets.UTF_8);
        }
        assertThat(LabelledCorpus.FILE).as("run with -Dcorpus.regenerate=true to create it").exists();
        String actual = Files.readString(LabelledCorpus.FILE, StandardCharsets.UTF_8);
        assertThat(actual)
                .as("corpus.jsonl differs from CorpusGenerator's output; regenerate with -Dcorpus.regenerate=true")
                .isEqualTo(expected);
        assertThat(LabelledCorpus.read(LabelledCorpus.FILE)).isEqualTo(generated);
        assertThat(Files.size(LabelledCorpus.FILE)).as("keep the corpus under 1 MB").isLessThan(1_000_000);
    }

    @Test
    void generatorIsDeterministic() {
        assertThat(LabelledCorpus.toJsonLines(CorpusGenerator.generate()))
                .isEqualTo(LabelledCorpus.toJsonLines(CorpusGenerator.generate()));
    }
}
