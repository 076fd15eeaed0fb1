package io.perimeter.analyzer.enrollment;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.enrollment.EnrollmentException.Reason;
import io.perimeter.analyzer.shipper.BearerToken;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Exchanges a one-time enrollment token for the edge's identity and credential: {@code POST /edge/v1/enroll} with
 * {@code {"token", "hostname", "version"}}, answered by {@code 201 {"edgeId", "tenant", "credential"}}, or by a
 * refusal as an RFC 9457 problem ({@code 401}: the token is unknown, used or expired; {@code 400}/{@code 422}: the
 * request is invalid).
 *
 * <p>Redirects are not followed (they would carry the token elsewhere). Error messages name the status, the problem's
 * title and detail (with the token cut out, should the control plane echo it) or the network failure, and never the
 * token or a credential. Thread-safe.
 */
public final class EnrollmentClient {
    /** The contract's identifier pattern, which the tenant's slug is also held to. */
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final int MAX_ANSWER_BYTES = 16 * 1024;
    private static final int MAX_PROBLEM_TEXT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final Duration timeout;

    public EnrollmentClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    /**
     * Enrolls this edge.
     *
     * @param cloud    the control plane
     * @param token    the one-time enrollment token from the console
     * @param hostname this host's name, shown in the console's list of edges
     * @param version  the edge's version
     * @throws EnrollmentException  with what went wrong and what to do
     * @throws InterruptedException if interrupted while waiting for the answer
     */
    public EnrollmentGrant enroll(CloudEndpoint cloud, String token, String hostname, String version)
            throws EnrollmentException, InterruptedException {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("token", token).put("hostname", hostname)
                    .put("version", version));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the enrollment request", e);
        }
        HttpRequest request = HttpRequest.newBuilder(cloud.enroll())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, application/problem+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new EnrollmentException(Reason.UNREACHABLE, "cannot reach the cloud at " + cloud + ": " + networkProblem(e), e);
        }
        int status = response.statusCode();
        if (status == 201 || status == 200) {
            return grant(cloud, response.body());
        }
        String problem = problem(response, token);
        throw switch (status) {
            case 401 -> new EnrollmentException(Reason.TOKEN_REFUSED, "the cloud refused the enrollment token (HTTP 401"
                    + problem + "): it is unknown, already used or expired. Enrollment tokens work once and expire: "
                    + "create a new one in the console.");
            case 400, 422 -> new EnrollmentException(Reason.REQUEST_REFUSED, "the cloud refused the enrollment request "
                    + "as invalid (HTTP " + status + problem + "): check the token was copied whole.");
            case 404 -> new EnrollmentException(Reason.UNEXPECTED_ANSWER, "the cloud at " + cloud
                    + " has no enrollment endpoint (HTTP 404" + problem + "): check the cloud URL.");
            case 429, 502, 503, 504 -> new EnrollmentException(Reason.UNREACHABLE, "the cloud at " + cloud
                    + " cannot enroll edges right now (HTTP " + status + problem + "): try again in a few minutes.");
            default -> new EnrollmentException(Reason.UNEXPECTED_ANSWER, "unexpected answer from the cloud at " + cloud
                    + " (HTTP " + status + problem + ")" + (status / 100 == 3
                    ? ": redirects are not followed, so that the token goes nowhere else; use the URL it points to." : "."));
        };
    }

    private static EnrollmentGrant grant(CloudEndpoint cloud, byte[] body) throws EnrollmentException {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            answer = null;
        }
        String edgeId = text(answer, "edgeId");
        String tenant = text(answer, "tenant");
        String credential = text(answer, "credential");
        UUID id;
        try {
            id = edgeId == null ? null : UUID.fromString(edgeId);
        } catch (IllegalArgumentException e) {
            id = null;
        }
        // Each check names the member only: the answer holds the credential.
        if (id == null) {
            throw malformed("edgeId is not a UUID");
        }
        if (tenant == null || !SLUG.matcher(tenant).matches()) {
            throw malformed("tenant is not a slug");
        }
        if (!BearerToken.isWellFormed(credential)) {
            throw malformed("credential is missing or not a bearer token");
        }
        return new EnrollmentGrant(new Enrollment(id, tenant, cloud), credential);
    }

    private static EnrollmentException malformed(String what) {
        return new EnrollmentException(Reason.UNEXPECTED_ANSWER, "the cloud accepted the token but its answer is not "
                + "an enrollment (" + what + "); the token may now be used up: ask for a new one if enrolling again fails.");
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node == null ? null : node.get(member);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** ": title: detail" of a problem answer, the token cut out and control characters dropped; "" otherwise. */
    private static String problem(HttpResponse<byte[]> response, String token) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/problem+json") && !type.startsWith("application/json")) {
            return "";
        }
        try {
            byte[] body = response.body();
            JsonNode problem = JSON.readTree(new String(body, 0, Math.min(body.length, MAX_ANSWER_BYTES), UTF_8));
            StringBuilder out = new StringBuilder();
            for (String member : new String[] {"title", "detail"}) {
                Optional.ofNullable(text(problem, member)).map(t -> clean(t, token)).filter(t -> !t.isEmpty())
                        .ifPresent(t -> out.append(": ").append(t));
            }
            return out.toString();
        } catch (IOException | RuntimeException e) {
            return ""; // not a problem document: the status says enough
        }
    }

    private static String clean(String text, String token) {
        String cleaned = (token.isEmpty() ? text : text.replace(token, "[token]")).replaceAll("\\p{Cntrl}", " ").strip();
        return cleaned.length() > MAX_PROBLEM_TEXT ? cleaned.substring(0, MAX_PROBLEM_TEXT) + "…" : cleaned;
    }

    private static String networkProblem(IOException e) {
        return switch (e) {
            case HttpConnectTimeoutException t -> "the connection timed out";
            case HttpTimeoutException t -> "no answer in time";
            case ConnectException c when c.getCause() instanceof UnresolvedAddressException -> "unknown host";
            case ConnectException c -> "connection refused";
            case UnknownHostException u -> "unknown host";
            case SSLException s -> "TLS failed (" + s.getClass().getSimpleName()
                    + "): is the cloud's certificate trusted by this host's Java?";
            default -> e.getClass().getName();
        };
    }
}
