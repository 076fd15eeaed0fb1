package io.perimeter.console.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.console.support.ConsoleFixture;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Bearer tokens where the console runs in the API's process, whose OpenID client would also let Keycloak's userinfo
 * endpoint vouch for any token of the realm: only the JWT check (keys and audience) decides. The API's very first
 * call after a start succeeds (it used to lose the race to the userinfo check while the keys were fetched, and fail
 * with 403), and a real token of the realm that was not issued for the API is unauthenticated everywhere.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class BearerTokensIT {
    private static ConsoleFixture cloud;
    private static KeycloakEndpoint keycloak;
    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloakEndpoint) {
        keycloak = keycloakEndpoint;
        cloud = ConsoleFixture.start(postgres, keycloak);
    }

    @AfterAll
    static void stop() {
        cloud.close();
        http.close();
    }

    @Test
    void theFirstCallsAfterAStartAreAuthorizedByTheJwtAloneAndOtherClientsTokensAreNot() throws Exception {
        String apiToken = keycloak.accessToken("bob", "");
        assertThat(get("/api/v1/me", apiToken).statusCode()).as("the first API call of this process").isEqualTo(200);

        String otherClients = keycloak.tokenForAnotherClient("bob");
        assertThat(get("/api/v1/me", otherClients).statusCode()).isEqualTo(401);
        // Unauthenticated, not authenticated without roles (403), which is what the userinfo check made of it.
        assertThat(get("/findings", otherClients).statusCode()).as("a console page").isEqualTo(401);

        assertThat(get("/api/v1/me", apiToken).statusCode()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(cloud.url(path))).header("Authorization", "Bearer " + token)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
