package io.perimeter.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a test's Keycloak answers, with the project's test realm imported.
 *
 * @param baseUrl             the server URL, without a trailing slash
 * @param realm               the test realm's name
 * @param adminUser           the bootstrap administrator of the master realm
 * @param adminPassword       its password
 * @param testUserPassword    the password of every user of the test realm
 * @param apiClientSecret     the secret of the {@code perimeter-api} client
 * @param consoleClientSecret the secret of the {@code perimeter-console} client
 */
public record KeycloakEndpoint(
        String baseUrl,
        String realm,
        String adminUser,
        String adminPassword,
        String testUserPassword,
        String apiClientSecret,
        String consoleClientSecret) {

    /** The issuer of the test realm's tokens. */
    public String issuer() {
        return baseUrl + "/realms/" + realm;
    }

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * An access token of a test realm user, from the {@code perimeter-test} client's password grant, as the API
     * receives it from the console. {@code scope} may add e.g. {@code organization:*} (all of a user's organizations).
     */
    public String accessToken(String username, String scope) {
        return accessToken(username, testUserPassword, scope);
    }

    /** Like {@link #accessToken(String, String)}, for a user of the realm with a password of its own. */
    public String accessToken(String username, String password, String scope) {
        return passwordGrant("perimeter-test", username, password, scope);
    }

    /**
     * An access token of a test realm user issued to Keycloak's own {@code admin-cli} client: a genuine token of the
     * realm, but not one for the Perimeter API (no {@code perimeter-api} audience).
     */
    public String tokenForAnotherClient(String username) {
        return passwordGrant("admin-cli", username, testUserPassword, "");
    }

    private String passwordGrant(String clientId, String username, String password, String scope) {
        String form = "grant_type=password&client_id=" + encode(clientId) + "&username=" + encode(username)
                + "&password=" + encode(password) + "&scope=" + encode("openid " + scope);
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(issuer() + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher token = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                throw new IllegalStateException("Keycloak refused a token for " + username + ": HTTP "
                        + response.statusCode());
            }
            return token.group(1);
        } catch (IOException e) {
            throw new ServiceUnavailableException("Keycloak did not answer at " + issuer() + " (" + e.getMessage()
                    + "). Start it with: " + Service.KEYCLOAK.startCommand(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "KeycloakEndpoint[" + issuer() + "]";
    }
}
