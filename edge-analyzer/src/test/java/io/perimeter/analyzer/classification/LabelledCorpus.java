package io.perimeter.analyzer.classification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Reads and writes the labelled corpus as JSON Lines, one {@link LabelledSample} per line. */
final class LabelledCorpus {

    /** The checked-in corpus, relative to the module directory (Surefire's working directory). */
    static final Path FILE = Path.of("src/test/resources/classification/corpus.jsonl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private LabelledCorpus() {}

    static String toJsonLines(List<LabelledSample> samples) {
        StringBuilder out = new StringBuilder(samples.size() * 128);
        for (LabelledSample sample : samples) {
            ObjectNode node = JSON.createObjectNode();
            node.put("loc", sample.location().name());
            if (sample.field() == null) {
                node.putNull("field");
            } else {
                node.put("field", sample.field());
            }
            node.put("value", sample.value());
            ArrayNode expected = node.putArray("classes");
            // Declaration order, so that the file does not depend on hash iteration order.
            for (DataClass dataClass : DataClass.values()) {
                if (sample.expected().contains(dataClass)) {
                    expected.add(dataClass.name());
                }
            }
            if (sample.secretKind() != null) {
                node.put("kind", sample.secretKind().name());
            }
            node.put("src", sample.source());
            try {
                out.append(JSON.writeValueAsString(node)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    static List<LabelledSample> read(Path file) {
        try {
            List<LabelledSample> samples = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = JSON.readTree(line);
                Set<DataClass> expected = EnumSet.noneOf(DataClass.class);
                node.get("classes").forEach(c -> expected.add(DataClass.valueOf(c.asText())));
                JsonNode field = node.get("field");
                JsonNode kind = node.get("kind");
                samples.add(new LabelledSample(
                        FieldLocation.valueOf(node.get("loc").asText()),
                        field == null || field.isNull() ? null : field.asText(),
                        node.get("value").asText(),
                        expected,
                        kind == null ? null : SecretKind.valueOf(kind.asText()),
                        node.get("src").asText()));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
