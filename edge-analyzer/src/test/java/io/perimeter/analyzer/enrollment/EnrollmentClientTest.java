package io.perimeter.analyzer.enrollment;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.perimeter.analyzer.enrollment.EnrollmentException.Reason;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The enrollment exchange's answers, refusals and what its messages may say. */
class EnrollmentClientTest {
    private static final String TOKEN = "enr-7f3a9c1d2e";
    private final EnrollmentClient client = new EnrollmentClient(Duration.ofSeconds(5));
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anAcceptedTokenGivesTheIdentityAndCredentialAndSendsHostnameAndVersion() throws Exception {
        CloudEndpoint cloud = answering(201, "application/json",
                "{\"edgeId\":\"5B1E4C4A-8F43-4E55-9A8E-0C1D2E3F4A5B\",\"tenant\":\"acme\",\"credential\":\"c2VjcmV0LWNyZWQ=\"}");

        EnrollmentGrant grant = client.enroll(cloud, TOKEN, "edge-host-1", "0.1.0");

        assertThat(grant.enrollment().batchEdgeId()).isEqualTo("5b1e4c4a-8f43-4e55-9a8e-0c1d2e3f4a5b");
        assertThat(grant.enrollment().tenant()).isEqualTo("acme");
        assertThat(grant.credential()).isEqualTo("c2VjcmV0LWNyZWQ=");
        assertThat(grant.toString()).doesNotContain("c2VjcmV0LWNyZWQ=");
        assertThat(requests).singleElement().satisfies(body -> assertThat(body)
                .contains("\"token\":\"" + TOKEN + "\"").contains("\"hostname\":\"edge-host-1\"").contains("\"version\":\"0.1.0\""));
    }

    @Test
    void invalidInputIsNamedWithTheProblemAndTheTokenCutOut() throws Exception {
        CloudEndpoint cloud = answering(422, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"token " + TOKEN
                        + " has the wrong form\\r\\nX-Injected: yes\"}");

        assertThatThrownBy(() -> client.enroll(cloud, TOKEN, "h", "0.1.0"))
                .isInstanceOfSatisfying(EnrollmentException.class, e -> assertThat(e.reason()).isEqualTo(Reason.REQUEST_REFUSED))
                .hasMessageContaining("HTTP 422: Unprocessable: token [token] has the wrong form")
                .hasMessageNotContaining(TOKEN)
                .hasMessageNotContaining("\n");
    }

    @Test
    void anAnswerThatIsNotAnEnrollmentIsRefusedWithoutQuotingIt() throws Exception {
        CloudEndpoint cloud = answering(201, "application/json",
                "{\"edgeId\":\"5b1e4c4a-8f43-4e55-9a8e-0c1d2e3f4a5b\",\"tenant\":\"acme\",\"credential\":\"has space\\r\\n\"}");

        assertThatThrownBy(() -> client.enroll(cloud, TOKEN, "h", "0.1.0"))
                .isInstanceOfSatisfying(EnrollmentException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNEXPECTED_ANSWER))
                .hasMessageContaining("credential is missing or not a bearer token")
                .hasMessageNotContaining("has space");
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        CloudEndpoint cloud = answering(307, "text/plain", "");

        assertThatThrownBy(() -> client.enroll(cloud, TOKEN, "h", "0.1.0"))
                .hasMessageContaining("HTTP 307").hasMessageContaining("redirects are not followed");
        assertThat(requests).hasSize(1);
    }

    @Test
    void theCloudUrlIsHttpsOrLoopbackWithoutSecretsOrExtras() {
        assertThat(CloudEndpoint.parse("https://perimeter.example.com/").enroll())
                .hasToString("https://perimeter.example.com/edge/v1/enroll");
        assertThat(CloudEndpoint.parse("https://perimeter.example.com/eu").ingest())
                .hasToString("https://perimeter.example.com/eu/ingest/v1/batches");
        for (String refused : List.of("http://perimeter.example.com", "https://user:pw@perimeter.example.com",
                "https://perimeter.example.com/?token=x", "ftp://127.0.0.1", "perimeter.example.com")) {
            assertThatThrownBy(() -> CloudEndpoint.parse(refused)).as(refused).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private CloudEndpoint answering(int status, String contentType, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/edge/v1/enroll", exchange -> {
            try (exchange) {
                requests.add(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
                byte[] bytes = body.getBytes(UTF_8);
                exchange.getResponseHeaders().set("Content-Type", contentType);
                if (status == 307) {
                    exchange.getResponseHeaders().set("Location", "http://127.0.0.1:9/elsewhere");
                }
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            }
        });
        server.start();
        return CloudEndpoint.parse("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
