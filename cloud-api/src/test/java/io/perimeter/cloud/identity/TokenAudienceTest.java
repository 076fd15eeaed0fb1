package io.perimeter.cloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.MapClaims;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenAudienceTest {
    private static final Claims API_TOKEN = new MapClaims(Map.of("aud", List.of("perimeter-api", "account"),
            "azp", "perimeter-test"));
    private static final Claims CONSOLE_ID_TOKEN = new MapClaims(Map.of("aud", "perimeter-console",
            "azp", "perimeter-console"));

    private final TokenAudience<HttpRequest<?>> audience = new TokenAudience<>("perimeter-api", "perimeter-console");

    @Test
    void bearerTokensMustBeForTheApi() {
        HttpRequest<?> request = HttpRequest.GET("/api/v1/edges").bearerAuth("the-token");
        assertThat(audience.validate(API_TOKEN, request)).isTrue();
        assertThat(audience.validate(CONSOLE_ID_TOKEN, request)).isFalse();
    }

    @Test
    void theConsoleCookieMustHoldTheConsolesIdToken() {
        HttpRequest<?> page = HttpRequest.GET("/findings");
        assertThat(audience.validate(CONSOLE_ID_TOKEN, page)).isTrue();
        assertThat(audience.validate(API_TOKEN, page)).isFalse();
        Claims issuedToAnother = new MapClaims(Map.of("aud", List.of("perimeter-console", "other"), "azp", "other"));
        assertThat(audience.validate(issuedToAnother, page)).isFalse();
    }

    @Test
    void theApiNeverAcceptsTheCookie() {
        for (String path : List.of("/api/v1/findings", "/ingest/v1/batches", "/edge/v1/credential")) {
            assertThat(audience.validate(CONSOLE_ID_TOKEN, HttpRequest.GET(path))).as(path).isFalse();
        }
    }

    @Test
    void signInChecksTheConsolesIdToken() {
        assertThat(audience.validate(CONSOLE_ID_TOKEN, null)).isTrue();
        assertThat(audience.validate(API_TOKEN, null)).isFalse();
    }
}
