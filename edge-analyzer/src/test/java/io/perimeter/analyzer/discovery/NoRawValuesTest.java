package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The perimeter contract, by construction: whatever is built from traffic full of planted values — the
 * inventory serialised field by field, its {@code toString()}, the OpenAPI documents — contains none of them.
 */
class NoRawValuesTest {

    @Test
    void noPlantedValueSurvivesIntoTheInventoryOrTheOpenApiDocuments() throws Exception {
        InventoryBuilder builder = new InventoryBuilder();
        CanaryTraffic.feed(builder);
        Inventory inventory = builder.snapshot();

        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        String serialised = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(inventory);
        assertThat(serialised).contains("/api/v1/users/by-email/{email}", "/cards/{id}/transactions", "/sessions/{uuid}",
                "/shares/{token}", "/mailboxes/{email}/messages/{hash}", "/products/{param}", "BEARER_JWT", "COOKIE_SESSION", "EMAIL");
        assertNoCanary("inventory JSON", serialised);
        assertNoCanary("inventory toString", inventory.toString());

        OpenApiExporter exporter = new OpenApiExporter();
        for (Service service : inventory.services()) {
            assertNoCanary("OpenAPI JSON", exporter.toJson(service));
            assertNoCanary("OpenAPI YAML", exporter.toYaml(service));
        }
    }

    private static void assertNoCanary(String what, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String canary : CanaryTraffic.CANARIES) {
            assertThat(lower).as("%s must not contain %s", what, canary).doesNotContain(canary.toLowerCase(Locale.ROOT));
        }
    }
}
