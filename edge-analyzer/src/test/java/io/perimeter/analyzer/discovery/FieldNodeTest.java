package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.analyzer.classification.FieldContext;
import io.perimeter.analyzer.classification.FieldLocation;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

class FieldNodeTest {

    @Test
    void aFieldIsClassifiedUnderItsParentsName() {
        FieldNode items = new FieldNode(FieldNode.ITEMS);
        assertThat(new FieldNode("email").inspected(FieldLocation.JSON_BODY, "customer").fieldPath()).isEqualTo("customer.email");
        assertThat(items.inspected(FieldLocation.JSON_BODY, "emails").fieldPath()).isEqualTo("emails[]");
        assertThat(new FieldNode("id").inspected(FieldLocation.JSON_BODY, FieldNode.ITEMS).fieldPath()).isEqualTo("id");
        assertThat(new FieldNode("q").inspected(FieldLocation.QUERY, null)).isEqualTo(new FieldContext(FieldLocation.QUERY, "q"));
    }

    @Test
    void nodesOfTheSameNameShareOneContext() {
        FieldContext first = new FieldNode("email").inspected(FieldLocation.JSON_BODY, "customer");
        FieldContext second = new FieldNode("email").inspected(FieldLocation.JSON_BODY, "customer");
        assertThat(second).isSameAs(first);
        assertThat(new FieldNode("email").inspected(FieldLocation.FORM, "customer")).isNotSameAs(first);
    }

    /** A key collapsing into {key} moves its fields under a parent of another name: they are named after it. */
    @Test
    void aMovedNodeIsNamedAfterItsNewParent() {
        FieldNode alice = new FieldNode("alice");
        FieldNode email = new FieldNode("email");
        alice.properties = new LinkedHashMap<>();
        alice.properties.put("email", email);
        FieldNode tags = new FieldNode("tags");
        tags.items = new FieldNode(FieldNode.ITEMS);
        assertThat(email.inspected(FieldLocation.JSON_BODY, "alice").fieldPath()).isEqualTo("alice.email");
        assertThat(tags.items.inspected(FieldLocation.JSON_BODY, "tags").fieldPath()).isEqualTo("tags[]");

        FieldNode key = new FieldNode("{key}");
        key.absorb(alice);
        FieldNode labels = new FieldNode("labels");
        labels.absorb(tags);

        assertThat(key.property("email")).isSameAs(email);
        assertThat(email.inspected(FieldLocation.JSON_BODY, "{key}").fieldPath()).isEqualTo("{key}.email");
        assertThat(labels.items.inspected(FieldLocation.JSON_BODY, "labels").fieldPath()).isEqualTo("labels[]");
    }
}
