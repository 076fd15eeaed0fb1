package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuthSchemeDetectorTest {

    static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYW5hcnkifQ.c2lnbmF0dXJlLXZhbHVl";

    private static List<AuthEvidence> detect(String target, Header... headers) {
        int q = target.indexOf('?');
        return AuthSchemeDetector.detect(new Headers(List.of(headers)), target, q < 0 ? target.length() : q + 1, target.length());
    }

    private static AuthEvidence header(AuthScheme scheme, String name) {
        return new AuthEvidence(scheme, CredentialLocation.HEADER, name);
    }

    @Test
    void authorizationSchemes() {
        assertThat(detect("/", new Header("Authorization", "Bearer " + JWT))).containsExactly(header(AuthScheme.BEARER_JWT, "authorization"));
        assertThat(detect("/", new Header("authorization", "bearer opaque-token-value-123"))).containsExactly(header(AuthScheme.BEARER_OPAQUE, "authorization"));
        assertThat(detect("/", new Header("Authorization", "Basic Y2FuYXJ5OnNlY3JldA=="))).containsExactly(header(AuthScheme.BASIC, "authorization"));
        assertThat(detect("/", new Header("Authorization", "Digest username=\"canary\", realm=\"x\""))).containsExactly(header(AuthScheme.DIGEST, "authorization"));
        assertThat(detect("/", new Header("Authorization", "token ghp_canary123"))).containsExactly(header(AuthScheme.BEARER_OPAQUE, "authorization"));
        assertThat(detect("/", new Header("Authorization", "ApiKey canary-key"))).containsExactly(header(AuthScheme.API_KEY, "authorization"));
        assertThat(detect("/", new Header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIA/20240101/..."))).containsExactly(header(AuthScheme.OTHER, "aws4-hmac-sha256"));
        assertThat(detect("/", new Header("Authorization", JWT))).containsExactly(header(AuthScheme.BEARER_JWT, "authorization"));
    }

    @Test
    void apiKeyHeadersCookiesAndQueryParameters() {
        assertThat(detect("/", new Header("X-API-Key", "canary"))).containsExactly(header(AuthScheme.API_KEY, "x-api-key"));
        assertThat(detect("/", new Header("Ocp-Apim-Subscription-Key", "canary"))).containsExactly(header(AuthScheme.API_KEY, "ocp-apim-subscription-key"));
        assertThat(detect("/", new Header("Cookie", "theme=dark; JSESSIONID=CANARY123; _ga=GA1.2")))
                .containsExactly(new AuthEvidence(AuthScheme.COOKIE_SESSION, CredentialLocation.COOKIE, "jsessionid"));
        assertThat(detect("/", new Header("Cookie", "csrftoken=abc; lang=en"))).containsExactly(AuthEvidence.NONE);
        assertThat(detect("/x?api_key=canary&page=2")).containsExactly(new AuthEvidence(AuthScheme.API_KEY, CredentialLocation.QUERY, "api_key"));
        assertThat(detect("/x?access_token=" + JWT)).containsExactly(new AuthEvidence(AuthScheme.BEARER_JWT, CredentialLocation.QUERY, "access_token"));
        assertThat(detect("/x?access_token=opaque")).containsExactly(new AuthEvidence(AuthScheme.BEARER_OPAQUE, CredentialLocation.QUERY, "access_token"));
    }

    @Test
    void noCredentialIsNone() {
        assertThat(detect("/x?page=2", new Header("Accept", "application/json"), new Header("X-Csrf-Token", "abc")))
                .containsExactly(AuthEvidence.NONE);
    }

    @Test
    void severalAtOnce() {
        assertThat(detect("/", new Header("Authorization", "Bearer " + JWT), new Header("Cookie", "session=canary")))
                .containsExactly(header(AuthScheme.BEARER_JWT, "authorization"),
                        new AuthEvidence(AuthScheme.COOKIE_SESSION, CredentialLocation.COOKIE, "session"));
    }
}
