package io.perimeter.analyzer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.analyzer.classification.CorpusGenerator;
import io.perimeter.analyzer.classification.FieldLocation;
import io.perimeter.analyzer.classification.LabelledSample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * JSON records made of the labelled classification corpus ({@link CorpusGenerator}): each record shape is a fixed
 * set of the corpus's body field paths (so one endpoint answers with the same fields call after call, as real APIs
 * do), filled per call with values the corpus holds for that field path — personal data, secrets and the hard
 * negatives real APIs carry next to them. Not thread-safe.
 */
final class JsonRecords {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"active", "pending", "closed", "archived"};
    private static final String[] SKU_NAMES = {"Desk lamp", "Travel mug", "USB-C cable", "Notebook A5", "Rain jacket"};

    /** Values per field path (indices dropped: {@code members[2].email} is {@code members.email}). */
    private final Map<String, List<String>> valuesByField = new LinkedHashMap<>();
    private final List<String> fields;
    private final SplittableRandom random;

    JsonRecords(SplittableRandom random) {
        this.random = random;
        for (LabelledSample sample : CorpusGenerator.generate()) {
            if (sample.location() == FieldLocation.JSON_BODY && sample.field() != null) {
                valuesByField.computeIfAbsent(sample.field().replaceAll("\\[\\d+]", ""), f -> new ArrayList<>())
                        .add(sample.value());
            }
        }
        this.fields = List.copyOf(valuesByField.keySet());
    }

    /** A record shape: 6–14 of the corpus's field paths. */
    List<String> shape() {
        int n = 6 + random.nextInt(9);
        List<String> shape = new ArrayList<>(n);
        while (shape.size() < n) {
            String field = fields.get(random.nextInt(fields.size()));
            if (!shape.contains(field)) {
                shape.add(field);
            }
        }
        return shape;
    }

    /** One record of {@code shape}, with an id, a status, timestamps and an amount around the corpus fields. */
    ObjectNode record(List<String> shape, long id) {
        ObjectNode record = JSON.createObjectNode();
        record.put("id", id);
        record.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        record.put("created_at", "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + "T08:1" + random.nextInt(10) + ":00Z");
        record.put("amount", random.nextInt(100_000) / 100.0);
        for (String field : shape) {
            List<String> values = valuesByField.get(field);
            put(record, field.split("\\."), values.get(random.nextInt(values.size())));
        }
        return record;
    }

    /** A page of records of {@code shape}: {@code {"data": [...], "page", "per_page", "total"}} of at least {@code minBytes}. */
    String page(List<String> shape, int minBytes) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode data = page.putArray("data");
        page.put("page", 1 + random.nextInt(20));
        page.put("total", random.nextInt(5_000));
        int size = 40;
        while (size < minBytes) {
            ObjectNode record = record(shape, 1 + random.nextInt(5_000_000));
            data.add(record);
            size += record.toString().length() + 1;
        }
        page.put("per_page", data.size());
        return page.toString();
    }

    /** One record of {@code shape} with order lines, of at least {@code minBytes}. */
    String item(List<String> shape, int minBytes) {
        ObjectNode record = record(shape, 1 + random.nextInt(5_000_000));
        ArrayNode lines = record.putArray("lines");
        int size = record.toString().length();
        while (size < minBytes) {
            ObjectNode line = lines.addObject();
            line.put("sku", "SKU-" + (10_000 + random.nextInt(90_000)));
            line.put("name", SKU_NAMES[random.nextInt(SKU_NAMES.length)]);
            line.put("quantity", 1 + random.nextInt(5));
            line.put("unit_price", random.nextInt(20_000) / 100.0);
            line.put("gift", random.nextInt(10) == 0);
            size += line.toString().length() + 1;
        }
        return record.toString();
    }

    /** Sets {@code path} to {@code value}, creating objects on the way; skips a path that runs into a value. */
    private static void put(ObjectNode record, String[] path, String value) {
        ObjectNode node = record;
        for (int i = 0; i < path.length - 1; i++) {
            JsonNode child = node.get(path[i]);
            if (child == null) {
                child = node.putObject(path[i]);
            }
            if (!child.isObject()) {
                return;
            }
            node = (ObjectNode) child;
        }
        if (!node.has(path[path.length - 1])) {
            node.put(path[path.length - 1], value);
        }
    }
}
