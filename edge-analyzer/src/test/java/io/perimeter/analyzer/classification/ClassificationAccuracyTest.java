package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@link Classifier} over the labelled corpus and measures precision and recall per data
 * class. Prints the table, writes it to {@code target/classification-accuracy.md}, and requires at
 * least {@value #MIN_PRECISION} precision and {@value #MIN_RECALL} recall for the validator-backed
 * classes. The field-name classes are reported, not gated.
 */
class ClassificationAccuracyTest {

    static final double MIN_PRECISION = 0.98;
    static final double MIN_RECALL = 0.95;
    private static final Path REPORT = Path.of("target/classification-accuracy.md");

    private record Counts(int tp, int fp, int fn) {
        double precision() {
            return tp + fp == 0 ? 1.0 : (double) tp / (tp + fp);
        }

        double recall() {
            return tp + fn == 0 ? 1.0 : (double) tp / (tp + fn);
        }
    }

    @Test
    void precisionAndRecallPerClass() throws IOException {
        List<LabelledSample> corpus = LabelledCorpus.read(LabelledCorpus.FILE);
        Classifier classifier = new Classifier();

        Map<DataClass, int[]> counts = new EnumMap<>(DataClass.class);
        for (DataClass c : DataClass.values()) {
            counts.put(c, new int[3]);
        }
        Map<DataClass, List<String>> errors = new EnumMap<>(DataClass.class);
        int secretKindRight = 0;
        int secretKindTotal = 0;
        int negatives = 0;
        for (LabelledSample sample : corpus) {
            Classification result = classifier.classifyDetailed(sample.context(), sample.value());
            Set<DataClass> predicted = result.classes();
            if (sample.expected().isEmpty()) {
                negatives++;
            }
            for (DataClass c : DataClass.values()) {
                boolean expected = sample.expected().contains(c);
                boolean actual = predicted.contains(c);
                int[] n = counts.get(c);
                if (expected && actual) {
                    n[0]++;
                } else if (actual) {
                    n[1]++;
                    errors.computeIfAbsent(c, k -> new ArrayList<>()).add("FP " + describe(sample, predicted));
                } else if (expected) {
                    n[2]++;
                    errors.computeIfAbsent(c, k -> new ArrayList<>()).add("FN " + describe(sample, predicted));
                }
            }
            if (sample.secretKind() != null && predicted.contains(DataClass.SECRET)) {
                secretKindTotal++;
                if (result.secretKind().orElse(null) == sample.secretKind()) {
                    secretKindRight++;
                } else {
                    errors.computeIfAbsent(DataClass.SECRET, k -> new ArrayList<>())
                            .add("KIND " + result.secretKind().orElse(null) + " " + describe(sample, predicted));
                }
            }
        }

        StringBuilder table = new StringBuilder();
        table.append("| data class | kind | positives | TP | FP | FN | precision | recall |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        Map<DataClass, Counts> results = new EnumMap<>(DataClass.class);
        for (DataClass c : DataClass.values()) {
            int[] n = counts.get(c);
            Counts k = new Counts(n[0], n[1], n[2]);
            results.put(c, k);
            table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %.4f | %.4f |%n", c,
                    c.validatorBacked() ? "validator" : "field name + shape", k.tp() + k.fn(), k.tp(), k.fp(), k.fn(),
                    k.precision(), k.recall()));
        }
        String summary = String.format(Locale.ROOT,
                "Corpus: %d samples (%d with no data class). SECRET kind correct for %d of %d detected secrets.%n",
                corpus.size(), negatives, secretKindRight, secretKindTotal);
        String throughput = throughput(classifier, corpus);
        String report = "# Classification accuracy\n\n"
                + "Measured by `ClassificationAccuracyTest` over `src/test/resources/classification/corpus.jsonl`.\n\n"
                + summary + "\n" + table + "\n" + throughput + "\n";
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);
        System.out.println(report);
        errors.forEach((c, list) -> {
            System.out.println("-- " + c + " errors (" + list.size() + "):");
            list.stream().limit(40).forEach(line -> System.out.println("   " + line));
        });

        SoftAssertions soft = new SoftAssertions();
        for (DataClass c : DataClass.values()) {
            if (!c.validatorBacked()) {
                continue;
            }
            Counts k = results.get(c);
            soft.assertThat(k.tp() + k.fn()).as("%s has positives in the corpus", c).isGreaterThan(100);
            soft.assertThat(k.precision()).as("%s precision", c).isGreaterThanOrEqualTo(MIN_PRECISION);
            soft.assertThat(k.recall()).as("%s recall", c).isGreaterThanOrEqualTo(MIN_RECALL);
        }
        soft.assertThat(secretKindRight).as("secret kinds").isEqualTo(secretKindTotal);
        soft.assertAll();
        assertThat(corpus).hasSizeGreaterThan(3000);
    }

    private static String describe(LabelledSample sample, Set<DataClass> predicted) {
        String value = sample.value().length() > 80 ? sample.value().substring(0, 77) + "..." : sample.value();
        return sample.source() + " " + sample.location() + " " + sample.field() + " = " + value.replace("\n", "\\n")
                + " expected=" + sample.expected() + " got=" + predicted;
    }

    /**
     * Informational only, never asserted: classification time per value over the corpus, against the
     * cost of copying each value to UTF-8 bytes once, measured in the same run.
     */
    private static String throughput(Classifier classifier, List<LabelledSample> corpus) {
        FieldContext[] contexts = corpus.stream().map(LabelledSample::context).toArray(FieldContext[]::new);
        String[] values = corpus.stream().map(LabelledSample::value).toArray(String[]::new);
        long sink = 0;
        for (int warm = 0; warm < 30; warm++) {
            for (int i = 0; i < values.length; i++) {
                sink += classifier.classify(contexts[i], values[i]).size();
                sink += values[i].getBytes(StandardCharsets.UTF_8).length;
            }
        }
        int rounds = 30;
        long start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < values.length; i++) {
                sink += classifier.classify(contexts[i], values[i]).size();
            }
        }
        long classify = System.nanoTime() - start;
        start = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < values.length; i++) {
                sink += values[i].getBytes(StandardCharsets.UTF_8).length;
            }
        }
        long copy = System.nanoTime() - start;
        double perValue = (double) classify / ((long) rounds * values.length);
        double copyPerValue = (double) copy / ((long) rounds * values.length);
        return String.format(Locale.ROOT,
                "Throughput (informational, one thread, this corpus's value mix): %.0f ns per value; copying each value "
                        + "to UTF-8 once costs %.0f ns, ratio %.1f. (checksum %d)%n",
                perValue, copyPerValue, perValue / copyPerValue, sink % 10);
    }
}
