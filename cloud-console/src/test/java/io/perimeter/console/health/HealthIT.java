package io.perimeter.console.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import io.perimeter.console.CloudConsole;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.PulsarEndpoint;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The probes' endpoints of the cloud process as the Helm chart runs it (API and console, the console's sign-in
 * redirects included), with PostgreSQL, Redis and Pulsar each behind a {@link TcpRelay}: ready while all answer, not
 * ready (503) while any one of them is unreachable and ready again when it is back; live throughout; anonymous,
 * never redirected to sign-in, never rate limited, and never a detail (host, port, version, exception) in the answer.
 */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK, Service.REDIS, Service.PULSAR})
class HealthIT {
    /** The paths the chart's probes use (deploy/helm/perimeter-cloud, checked against this by deploy/check). */
    private static final String LIVENESS = "/health/liveness";
    private static final String READINESS = "/health/readiness";
    private static final Duration RECOVERY = Duration.ofSeconds(90);

    private static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private static final ObjectMapper json = new ObjectMapper();
    private static TcpRelay database;
    private static TcpRelay redis;
    private static TcpRelay pulsar;
    private static EmbeddedServer server;
    private static List<String> secrets;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak, RedisEndpoint redisEndpoint,
                      PulsarEndpoint pulsarEndpoint) {
        PostgresEndpoint fresh = postgres.freshDatabase("health_it");
        URI pulsarUri = URI.create(pulsarEndpoint.serviceUrl());
        database = new TcpRelay(fresh.host(), fresh.port());
        redis = new TcpRelay(redisEndpoint.host(), redisEndpoint.port());
        pulsar = new TcpRelay(pulsarUri.getHost(), pulsarUri.getPort());
        Map<String, Object> properties = new HashMap<>(fresh.cloudProperties());
        properties.put("datasources.default.url",
                "jdbc:postgresql://127.0.0.1:" + database.port() + "/" + fresh.database());
        properties.put("micronaut.server.port", -1);
        properties.put("perimeter.keycloak.url", keycloak.baseUrl());
        properties.put("perimeter.keycloak.realm", keycloak.realm());
        properties.put("perimeter.public-url", "https://perimeter.test");
        properties.put("micronaut.security.oauth2.clients.console.client-secret", keycloak.consoleClientSecret());
        properties.put("perimeter.redis.uri", "redis://127.0.0.1:" + redis.port());
        properties.put("perimeter.pulsar.service-url", "pulsar://127.0.0.1:" + pulsar.port());
        server = ApplicationContext.run(EmbeddedServer.class, properties, CloudConsole.ENVIRONMENT);
        secrets = List.of(fresh.database(), fresh.username(), fresh.appUsername(), String.valueOf(fresh.port()),
                String.valueOf(database.port()), String.valueOf(redis.port()), String.valueOf(pulsar.port()));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        for (TcpRelay relay : new TcpRelay[] {database, redis, pulsar}) {
            if (relay != null) {
                relay.close();
            }
        }
        http.close();
    }

    @Test
    void readyAndLiveWhileEveryServiceAnswersWithTheStatusAlone() throws Exception {
        for (String path : List.of(READINESS, LIVENESS, "/health")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path + " " + answer.body()).isEqualTo(200);
            assertStatusOnly(answer, "UP");
        }
    }

    @Test
    void theProbesAreNeitherRedirectedToSignInNorRateLimited() throws Exception {
        // The console's configuration redirects unauthenticated requests for its pages to Keycloak's sign-in.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/findings"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("a console page, for comparison").isIn(302, 303);
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri(i % 2 == 0 ? READINESS : LIVENESS))
                    .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as("probe " + i + " " + answer.headers().map()).isEqualTo(200);
        }
    }

    @Test
    void notReadyWhileTheDatabaseIsUnreachableButLiveAndReadyAgainWhenItIsBack() throws Exception {
        assertNotReadyWhileCut(database);
    }

    @Test
    void notReadyWhileRedisIsUnreachable() throws Exception {
        assertNotReadyWhileCut(redis);
    }

    @Test
    void notReadyWhilePulsarIsUnreachable() throws Exception {
        assertNotReadyWhileCut(pulsar);
    }

    @Test
    void otherManagementEndpointsAreNotServed() throws Exception {
        // No route at all (an answer other than 200 could also be a sign-in redirect in front of a served endpoint).
        List<String> routes = server.getApplicationContext().getBean(Router.class).uriRoutes()
                .map(route -> route.getUriMatchTemplate().toPathString()).toList();
        for (String path : List.of("/beans", "/routes", "/env", "/loggers", "/threads", "/info", "/refresh")) {
            assertThat(routes).as("routes").noneMatch(route -> route.startsWith(path));
            assertThat(get(path).statusCode()).as(path).isNotEqualTo(200);
        }
        HttpResponse<String> refresh = http.send(HttpRequest.newBuilder(uri("/refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refresh.statusCode()).isNotEqualTo(200);
    }

    private static synchronized void assertNotReadyWhileCut(TcpRelay relay) throws Exception {
        awaitReadiness(200);
        relay.cut();
        try {
            HttpResponse<String> readiness = get(READINESS);
            assertThat(readiness.statusCode()).as("readiness " + readiness.body()).isEqualTo(503);
            assertStatusOnly(readiness, "DOWN");
            HttpResponse<String> health = get("/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertStatusOnly(health, "DOWN");
            HttpResponse<String> liveness = get(LIVENESS);
            assertThat(liveness.statusCode()).as("liveness depends on no service").isEqualTo(200);
            assertStatusOnly(liveness, "UP");
        } finally {
            relay.restore();
        }
        awaitReadiness(200);
    }

    /** Polls readiness until it answers {@code status}: a reconnect takes the client's own backoff. */
    private static void awaitReadiness(int status) throws Exception {
        Instant deadline = Instant.now().plus(RECOVERY);
        HttpResponse<String> answer = get(READINESS);
        while (answer.statusCode() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            answer = get(READINESS);
        }
        assertThat(answer.statusCode()).as("readiness within " + RECOVERY + ": " + answer.body()).isEqualTo(status);
    }

    /** The body is {"status": ...} and nothing else: no details, no names of hosts, ports, roles or databases. */
    private static void assertStatusOnly(HttpResponse<String> answer, String status) throws IOException {
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode body = json.readTree(answer.body());
        assertThat(body.properties()).as(answer.body()).hasSize(1);
        assertThat(body.path("status").asText()).isEqualTo(status);
        for (String secret : secrets) {
            assertThat(answer.body()).doesNotContain(secret);
        }
        assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("postgres")
                .doesNotContain("127.0.0.1");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getPort() + path);
    }
}
