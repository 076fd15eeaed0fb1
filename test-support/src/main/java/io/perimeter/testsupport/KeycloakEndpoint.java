package io.perimeter.testsupport;

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

    @Override
    public String toString() {
        return "KeycloakEndpoint[" + issuer() + "]";
    }
}
