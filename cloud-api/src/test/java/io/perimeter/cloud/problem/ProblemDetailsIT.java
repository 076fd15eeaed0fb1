package io.perimeter.cloud.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.cloud.support.Reply;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad requests of every kind get a problem document with the right status and type, and no server internals. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK})
class ProblemDetailsIT {
    private static CloudApiFixture cloud;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of("micronaut.server.max-request-size", 65_536));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    static Stream<Arguments> badRequests() {
        String json = "application/json";
        return Stream.of(
                Arguments.of("malformed JSON", "POST", "/api/v1/edges/enrollment-tokens", "{\"edgeName\": ", json,
                        400, "bad-request"),
                Arguments.of("wrong JSON type", "POST", "/api/v1/edges/enrollment-tokens", "[1, 2]", json,
                        400, "bad-request"),
                Arguments.of("invalid field", "POST", "/api/v1/edges/enrollment-tokens", "{\"edgeName\": \"a b\"}", json,
                        400, "bad-request"),
                Arguments.of("out of range", "POST", "/api/v1/edges/enrollment-tokens",
                        "{\"edgeName\": \"e1\", \"validMinutes\": 999999}", json, 400, "bad-request"),
                Arguments.of("not JSON at all", "POST", "/api/v1/edges/enrollment-tokens", "edgeName=e1",
                        "application/x-www-form-urlencoded", 415, "unsupported-media-type"),
                Arguments.of("malformed id", "GET", "/api/v1/edges/not-a-uuid", "", json, 400, "bad-request"),
                Arguments.of("unknown route", "GET", "/api/v1/nothing-here", "", json, 404, "not-found"),
                Arguments.of("wrong method", "DELETE", "/api/v1/edges", "", json, 405, "method-not-allowed"),
                Arguments.of("too large", "POST", "/api/v1/edges/enrollment-tokens",
                        "{\"edgeName\": \"" + "x".repeat(200_000) + "\"}", json, 413, "too-large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void answersWithAProblemDocument(String what, String method, String path, String body, String contentType,
                                     int status, String type) {
        Reply reply = cloud.as("alice").send(method, path,
                body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                Map.of("Content-Type", contentType));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reply.problemType()).isEqualTo(type);
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.perimeter")
                .doesNotContain("x".repeat(100));
    }
}
