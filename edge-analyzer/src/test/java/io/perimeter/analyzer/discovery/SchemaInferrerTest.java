package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.DataClass;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaInferrerTest {

    private final SchemaInferrer inferrer = new SchemaInferrer();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, SchemaField> fields(ObservedSchema schema) {
        Map<String, SchemaField> out = new LinkedHashMap<>();
        schema.snapshot().fields().forEach(f -> out.put(f.path(), f));
        return out;
    }

    private void json(ObservedSchema into, String body) {
        inferrer.inferJson(utf8(body), false, into);
    }

    @Test
    void nestedObjectsArraysTypesAndFormats() {
        ObservedSchema s = new ObservedSchema();
        json(s, """
                {"id": 7, "price": 9.5, "active": true, "note": null,
                 "created": "2024-03-01T10:15:00Z", "birthday": "1990-05-17",
                 "ref": "5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10", "contact": "canary.user@example.test",
                 "homepage": "https://shop.example.test/a",
                 "user": {"address": {"city": "Berlin", "zip": "10115"}},
                 "items": [{"sku": "A-1", "qty": 1}, {"sku": "B-2", "qty": 2, "gift": true}],
                 "matrix": [[1, 2], [3]]}
                """);
        Map<String, SchemaField> f = fields(s);
        assertThat(f.keySet()).containsExactly("id", "price", "active", "note", "created", "birthday", "ref", "contact",
                "homepage", "user", "user.address", "user.address.city", "user.address.zip", "items", "items[]",
                "items[].sku", "items[].qty", "items[].gift", "matrix", "matrix[]", "matrix[][]");
        assertThat(f.get("id").types()).containsExactly(FieldType.INTEGER);
        assertThat(f.get("price").types()).containsExactly(FieldType.NUMBER);
        assertThat(f.get("active").types()).containsExactly(FieldType.BOOLEAN);
        assertThat(f.get("note").types()).containsExactly(FieldType.NULL);
        assertThat(f.get("created").format()).isEqualTo(StringFormat.DATE_TIME);
        assertThat(f.get("birthday").format()).isEqualTo(StringFormat.DATE);
        assertThat(f.get("ref").format()).isEqualTo(StringFormat.UUID);
        assertThat(f.get("contact").format()).isEqualTo(StringFormat.EMAIL);
        assertThat(f.get("homepage").format()).isEqualTo(StringFormat.URI);
        assertThat(f.get("user.address.city").types()).containsExactly(FieldType.STRING);
        assertThat(f.get("user.address.city").format()).isNull();
        assertThat(f.get("items").types()).containsExactly(FieldType.ARRAY);
        assertThat(f.get("items[].sku").required()).isTrue();
        assertThat(f.get("items[].gift").required()).isFalse(); // in one element of two
        assertThat(f.get("items[].qty").count()).isEqualTo(2);
        assertThat(f.get("matrix[][]").types()).containsExactly(FieldType.INTEGER);
        assertThat(s.snapshot().completeObservations()).isEqualTo(1);
    }

    @Test
    void requiredMeansSeenInEveryObservationAndTypesMergeIntoUnions() {
        ObservedSchema s = new ObservedSchema();
        json(s, "{\"id\": 1, \"name\": \"a\", \"tag\": \"x\"}");
        json(s, "{\"id\": 2, \"name\": null}");
        json(s, "{\"id\": \"3\", \"name\": \"c\"}");
        Map<String, SchemaField> f = fields(s);
        assertThat(f.get("id").required()).isTrue();
        assertThat(f.get("id").types()).containsExactlyInAnyOrder(FieldType.INTEGER, FieldType.STRING);
        assertThat(f.get("name").types()).containsExactlyInAnyOrder(FieldType.STRING, FieldType.NULL);
        assertThat(f.get("name").required()).isTrue();
        assertThat(f.get("tag").required()).isFalse();
        assertThat(f.get("tag").count()).isEqualTo(1);
        assertThat(s.snapshot().observations()).isEqualTo(3);
    }

    @Test
    void rootArraysAndScalars() {
        ObservedSchema s = new ObservedSchema();
        json(s, "[{\"id\": 1}, {\"id\": 2}]");
        assertThat(fields(s).keySet()).containsExactly("[]", "[].id");
        assertThat(s.snapshot().root().types()).containsExactly(FieldType.ARRAY);
    }

    @Test
    void keysThatAreValuesBecomePlaceholders() {
        ObservedSchema s = new ObservedSchema();
        json(s, """
                {"scores": {"canary.user@example.test": 3, "12345": 4,
                            "5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10": 5, "2024-03-01": 6},
                 "x509Certificate": "…", "address2": "…", "@type": "Person"}
                """);
        assertThat(fields(s).keySet()).containsExactly("scores", "scores.{email}", "scores.{id}", "scores.{uuid}",
                "scores.{date}", "x509Certificate", "address2", "@type");
    }

    @Test
    void manyKeysCollapseIntoAMap() {
        ObservedSchema s = new ObservedSchema();
        StringBuilder body = new StringBuilder("{\"byName\": {");
        for (int i = 0; i < 300; i++) {
            body.append(i == 0 ? "" : ",").append("\"key").append((char) ('a' + i % 26)).append((char) ('a' + i / 26)).append("\": 1");
        }
        json(s, body.append("}}").toString());
        Map<String, SchemaField> f = fields(s);
        assertThat(f.keySet()).containsExactly("byName", "byName.{key}");
        assertThat(s.snapshot().root().properties().getFirst().map()).isTrue();
        assertThat(s.snapshot().cuts().objectsCollapsed()).isEqualTo(1);
        assertThat(s.nodeCount()).isLessThanOrEqualTo(3);
    }

    @Test
    void hostileBodiesCostBoundedWorkAndAreCounted() {
        ObservedSchema s = new ObservedSchema();
        json(s, "[".repeat(10_000) + "]".repeat(10_000)); // nesting bomb
        assertThat(s.snapshot().cuts().limitAborts()).isEqualTo(1);

        StringBuilder wide = new StringBuilder("{\"a\": [");
        for (int i = 0; i < 5_000; i++) {
            wide.append(i == 0 ? "" : ",").append("{\"v\": ").append(i).append('}');
        }
        json(s, wide.append("]}").toString());
        assertThat(s.snapshot().cuts().elementsSkipped()).isEqualTo(5_000 - SchemaLimits.defaults().maxArrayElements());

        json(s, "{\"big\": \"" + "x".repeat(3 * SchemaLimits.defaults().maxStringLength()) + "\"}");
        assertThat(s.snapshot().cuts().limitAborts()).isEqualTo(2);

        SchemaLimits tight = new SchemaLimits(4, 64, 1 << 20, 1024, 50, 1_000, 128, 1_000, 256);
        ObservedSchema t = new ObservedSchema(tight);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            many.append(i == 0 ? "" : ",").append("\"f").append(i).append("\": ").append(i);
        }
        new SchemaInferrer(tight).inferJson(utf8(many.append('}').toString()), false, t);
        assertThat(t.snapshot().cuts().budgetAborts()).isEqualTo(1);
        new SchemaInferrer(tight).inferJson(utf8("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":1}}}}}"), false, t);
        assertThat(t.snapshot().cuts().depthSkips()).isEqualTo(1);
    }

    @Test
    void truncatedAndMalformedBodiesAreCountedAndDoNotMakeFieldsOptional() {
        ObservedSchema s = new ObservedSchema();
        json(s, "{\"id\": 1, \"name\": \"a\"}");
        inferrer.inferJson(utf8("{\"id\": 2, \"na"), true, s);
        json(s, "{not json");
        Schema snapshot = s.snapshot();
        assertThat(snapshot.cuts().truncatedBodies()).isEqualTo(1);
        assertThat(snapshot.cuts().malformedBodies()).isEqualTo(1);
        assertThat(fields(s).get("name").required()).isTrue();
        assertThat(fields(s).get("id").count()).isEqualTo(2);
    }

    @Test
    void formBodiesAndQueryStrings() {
        ObservedSchema form = new ObservedSchema();
        inferrer.inferForm(utf8("user%5Bname%5D=Jane+Doe&user[address][zip]=10115&tags[]=a&tags[]=b&age=42&ok=true"
                + "&email=canary.user%40example.test&ratio=0.5"), false, form);
        inferrer.inferForm(utf8("user[name]=Max&age=7"), false, form);
        Map<String, SchemaField> f = fields(form);
        assertThat(f.keySet()).containsExactly("user", "user.name", "user.address", "user.address.zip", "tags", "tags[]",
                "age", "ok", "email", "ratio");
        assertThat(f.get("user.name").required()).isTrue();
        assertThat(f.get("tags").required()).isFalse();
        assertThat(f.get("tags").types()).containsExactly(FieldType.ARRAY);
        assertThat(f.get("tags[]").count()).isEqualTo(2);
        assertThat(f.get("age").types()).containsExactly(FieldType.INTEGER);
        assertThat(f.get("ok").types()).containsExactly(FieldType.BOOLEAN);
        assertThat(f.get("ratio").types()).containsExactly(FieldType.NUMBER);
        assertThat(f.get("email").format()).isEqualTo(StringFormat.EMAIL);

        ObservedSchema query = new ObservedSchema();
        String target = "/search?q=red+shoes&page=2&tag=a&tag=b&debug";
        inferrer.inferQuery(target, target.indexOf('?') + 1, target.length(), query);
        inferrer.inferQuery("", 0, 0, query); // a call without a query
        Map<String, SchemaField> q = fields(query);
        assertThat(q.keySet()).containsExactly("q", "page", "tag", "tag[]", "debug");
        assertThat(q.get("tag").types()).containsExactly(FieldType.ARRAY);
        assertThat(q.get("page").types()).containsExactly(FieldType.INTEGER);
        assertThat(q.values()).noneMatch(SchemaField::required);
        assertThat(query.observations()).isEqualTo(2);
    }

    @Test
    void queryNamesThatAreValuesAreNotKept() {
        ObservedSchema query = new ObservedSchema();
        String q = "canary.user%40example.test=1&4111111111111111&5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10=x&%22%3E%3Cscript=1";
        inferrer.inferQuery(q, 0, q.length(), query);
        assertThat(fields(query).keySet()).containsExactly("{email}", "{id}", "{uuid}", "{key}");
    }

    @Test
    void dataClassesAreRecordedByTheClassifiersPath() {
        ObservedSchema s = new ObservedSchema();
        json(s, "{\"users\": [{\"email\": \"canary.user@example.test\"}], \"card\": {\"number\": \"4111111111111111\"}}");
        assertThat(s.recordDataClasses("users[0].email", Set.of(DataClass.EMAIL))).isTrue();
        assertThat(s.recordDataClasses("users.0.email", Set.of(DataClass.PERSON_NAME))).isTrue();
        assertThat(s.recordDataClasses("card.number", EnumSet.of(DataClass.CARD_NUMBER))).isTrue();
        assertThat(s.recordDataClasses("nope", Set.of(DataClass.EMAIL))).isFalse();
        Map<String, SchemaField> f = fields(s);
        assertThat(f.get("users[].email").dataClasses()).containsExactlyInAnyOrder(DataClass.EMAIL, DataClass.PERSON_NAME);
        assertThat(f.get("card.number").dataClasses()).containsExactly(DataClass.CARD_NUMBER);

        ObservedSchema form = new ObservedSchema();
        inferrer.inferForm(utf8("user[address][zip]=10115"), false, form);
        assertThat(form.recordDataClasses("user[address][zip]", Set.of(DataClass.POSTAL_ADDRESS))).isTrue();
    }

    @Test
    void absorbingCombinesObservations() {
        ObservedSchema a = new ObservedSchema();
        ObservedSchema b = new ObservedSchema();
        json(a, "{\"id\": 1, \"x\": 1}");
        json(b, "{\"id\": 2}");
        a.absorb(b);
        json(a, "{\"id\": 3, \"x\": 2}");
        Map<String, SchemaField> f = fields(a);
        assertThat(f.get("id").required()).isTrue();
        assertThat(f.get("x").required()).isFalse();
        assertThat(a.observations()).isEqualTo(3);
    }
}
