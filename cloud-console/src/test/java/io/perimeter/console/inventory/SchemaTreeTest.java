package io.perimeter.console.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.cloud.inventory.EndpointShape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaTreeTest {

    private static EndpointShape.Field field(String path, String... dataClasses) {
        return new EndpointShape.Field(path, List.of("string"), List.of(), List.of(dataClasses), true, 5);
    }

    @Test
    void nestedFieldsComeUnderTheirParentsWhichAreShownOnce() {
        EndpointShape shape = new EndpointShape(List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                List.of(), List.of(new EndpointShape.Body("application/json", 200, List.of(
                        field("email", "EMAIL"), field("cards[].number", "CARD_NUMBER"), field("cards[].expiry"),
                        field("owner.address.city")))));

        SchemaTree.Section body = SchemaTree.of(shape).sections().getFirst();

        assertThat(body.part()).isEqualTo("response-body");
        assertThat(body.detail()).isEqualTo("200 · application/json");
        assertThat(body.rows()).extracting(row -> "  ".repeat(row.depth()) + row.name() + (row.group() ? "/" : ""))
                .containsExactly("cards[]/", "  expiry", "  number", "email", "owner/", "  address/", "    city");
        assertThat(body.rows().get(2).dataClasses()).containsExactly("CARD_NUMBER");
    }

    @Test
    void partsTheEdgesNeverSawAreLeftOut() {
        EndpointShape shape = new EndpointShape(List.of(field("id")), List.of(), List.of(), List.of("Authorization"),
                List.of(), Map.of("Authorization", List.of("JWT")), List.of(), List.of());

        assertThat(SchemaTree.of(shape).sections()).extracting(SchemaTree.Section::part)
                .containsExactly("path", "request-header");
        assertThat(SchemaTree.of(shape).sections().get(1).rows().getFirst().dataClasses()).containsExactly("JWT");
    }
}
