package io.perimeter.cloud.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A real Keycloak with the project's realm: user tokens as the API will validate them, and the clients' secrets. */
@Tag("services")
@RequiresServices(Service.KEYCLOAK)
class KeycloakSmokeIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    @Test
    void aliceGetsASignedTokenWithHerRoleAndOrganization(KeycloakEndpoint keycloak) throws Exception {
        Map<String, Object> discovery = discovery(keycloak);
        assertThat(discovery.get("issuer")).isEqualTo(keycloak.issuer());

        HttpResponse<String> response = tokenRequest(discovery, Map.of(
                "grant_type", "password",
                "client_id", "perimeter-test",
                "username", "alice",
                "password", keycloak.testUserPassword(),
                "scope", "openid"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String accessToken = JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "access_token");

        DefaultJWTProcessor<SecurityContext> processor = processor(keycloak, discovery);
        JWTClaimsSet claims = processor.process(accessToken, null);

        assertThat(claims.getIssuer()).isEqualTo(keycloak.issuer());
        assertThat(claims.getAudience()).contains("perimeter-api");
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getStringClaim("azp")).isEqualTo("perimeter-test");
        Instant now = Instant.now();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(now).isBefore(now.plus(Duration.ofHours(1)));
        assertThat(claims.getIssueTime().toInstant()).isBefore(now.plusSeconds(60));

        Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
        assertThat(realmAccess).as("realm_access claim").isNotNull();
        assertThat(strings(realmAccess.get("roles"))).contains("owner").doesNotContain("platform-operator");

        assertThat(organizations(claims.getClaim("organization"))).containsExactly("acme");

        // The same token with one signature byte changed is rejected.
        String[] parts = accessToken.split("\\.");
        char first = parts[2].charAt(0);
        String tampered = parts[0] + "." + parts[1] + "." + (first == 'A' ? 'B' : 'A') + parts[2].substring(1);
        assertThatThrownBy(() -> processor.process(tampered, null)).isInstanceOf(BadJOSEException.class);
    }

    @Test
    void aWrongPasswordIsUnauthorized(KeycloakEndpoint keycloak) throws Exception {
        HttpResponse<String> response = tokenRequest(discovery(keycloak), Map.of(
                "grant_type", "password",
                "client_id", "perimeter-test",
                "username", "alice",
                "password", keycloak.testUserPassword() + "-wrong"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(JSONObjectUtils.getString(JSONObjectUtils.parse(response.body()), "error")).isEqualTo("invalid_grant");
    }

    @Test
    void confidentialClientsAndTheAdminUseTheSecretsFromTheEnvironment(KeycloakEndpoint keycloak) throws Exception {
        Map<String, Object> discovery = discovery(keycloak);

        // perimeter-api: its service account (client credentials) with the secret the realm import substituted.
        HttpResponse<String> api = tokenRequest(discovery, Map.of(
                "grant_type", "client_credentials",
                "client_id", "perimeter-api",
                "client_secret", keycloak.apiClientSecret()));
        assertThat(api.statusCode()).as(api.body()).isEqualTo(200);
        JWTClaimsSet apiClaims = processor(keycloak, discovery)
                .process(JSONObjectUtils.getString(JSONObjectUtils.parse(api.body()), "access_token"), null);
        assertThat(apiClaims.getStringClaim("azp")).isEqualTo("perimeter-api");

        // perimeter-console has no grant of its own here: token introspection authenticates it, or not.
        String introspection = JSONObjectUtils.getString(discovery, "introspection_endpoint");
        assertThat(post(introspection, Map.of("client_id", "perimeter-console",
                "client_secret", keycloak.consoleClientSecret(), "token", "not-a-token")).statusCode()).isEqualTo(200);
        assertThat(post(introspection, Map.of("client_id", "perimeter-console",
                "client_secret", "${PERIMETER_CONSOLE_CLIENT_SECRET}", "token", "not-a-token")).statusCode()).isEqualTo(401);

        // The bootstrap administrator of the master realm.
        HttpResponse<String> admin = post(keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token", Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", keycloak.adminUser(),
                "password", keycloak.adminPassword()));
        assertThat(admin.statusCode()).as(admin.body()).isEqualTo(200);
    }

    private Map<String, Object> discovery(KeycloakEndpoint keycloak) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/.well-known/openid-configuration"))
                        .timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSONObjectUtils.parse(response.body());
    }

    /** Validates as a resource server would: RS256 signature from the realm's JWKS, issuer, expiry, required claims. */
    private DefaultJWTProcessor<SecurityContext> processor(KeycloakEndpoint keycloak, Map<String, Object> discovery)
            throws Exception {
        HttpResponse<String> jwks = http.send(
                HttpRequest.newBuilder(URI.create(JSONObjectUtils.getString(discovery, "jwks_uri")))
                        .timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(jwks.statusCode()).isEqualTo(200);
        JWKSet keys = JWKSet.parse(jwks.body());
        assertThat(keys.getKeys()).isNotEmpty();

        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, new ImmutableJWKSet<>(keys)));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(keycloak.issuer()).build(),
                Set.of("sub", "exp", "iat", "azp")));
        return processor;
    }

    private HttpResponse<String> tokenRequest(Map<String, Object> discovery, Map<String, String> form) throws Exception {
        return post(JSONObjectUtils.getString(discovery, "token_endpoint"), form);
    }

    private HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
        String body = new LinkedHashMap<>(form).entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static List<String> strings(Object value) {
        assertThat(value).isInstanceOf(Collection.class);
        return ((Collection<?>) value).stream().map(String::valueOf).toList();
    }

    /** The organization claim is a list of aliases, or a map keyed by alias when attributes or ids are added. */
    private static List<String> organizations(Object claim) {
        assertThat(claim).as("organization claim").isNotNull();
        if (claim instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).toList();
        }
        return strings(claim);
    }
}
