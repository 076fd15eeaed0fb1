package io.perimeter.analyzer.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perimeter.contract.PerimeterContract;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary proof for the offline path: traffic full of planted personal data and secrets goes through
 * {@code analyze}; everything it writes (the batch that would be shipped, with its findings, and the OpenAPI exports)
 * is searched for every canary, raw, base64 and URL-encoded. None may be found, while the data classes and the
 * findings the traffic triggers must be.
 */
class OfflineCanaryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Canary values: each is unique enough that any hit is a leak, and each is a real instance of its class. */
    private static final Map<String, String> CANARIES = new LinkedHashMap<>();

    static {
        CANARIES.put("email", "canary.zoe.quill@example.test");
        CANARIES.put("card", "4111111111111111");
        CANARIES.put("ssn", "536-22-8174");
        CANARIES.put("iban", "DE89370400440532013000");
        CANARIES.put("phone", "+14155552671");
        CANARIES.put("name", "Zoe Quillfeather");
        CANARIES.put("street", "742 Evergreen Terrace");
        CANARIES.put("password", "Tr0ub4dor&3-canary");
        CANARIES.put("jwt", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjYW5hcnktdXNlci03NyJ9.c2lnbmF0dXJlLWNhbmFyeQ");
        CANARIES.put("apiKey", "AKIAIOSFODNN7CANARY7");
        CANARIES.put("session", "sess-canary-9f8e7d6c5b4a");
        CANARIES.put("clientIp", "198.51.100.77");
        CANARIES.put("dob", "1987-03-14");
        CANARIES.put("basicAuth", "zoe.quill:Tr0ub4dor&3-basic");
        CANARIES.put("origin", "https://zq-evil-origin.example");
        CANARIES.put("ssrfTarget", "169.254.169.254/latest/meta-data/zq-iam");
        CANARIES.put("sqlPayload", "' OR 1=1-- zq-sqli");
        CANARIES.put("role", "zq-superadmin");
    }

    /** Rules the canary traffic triggers (the batch must report each). */
    private static final List<String> EXPECTED_RULES = List.of("API2-CREDENTIAL-IN-QUERY", "API2-JWT-NO-EXPIRY",
            "API2-BASIC-AUTH-PLAINTEXT", "API2-UNAUTHENTICATED-SENSITIVE-DATA", "API3-SENSITIVE-DATA-IN-RESPONSE",
            "API3-PRIVILEGE-FIELD-WRITE", "API7-URL-PARAMETER", "API8-SENSITIVE-DATA-PLAINTEXT", "API8-STACK-TRACE",
            "API8-CORS-CREDENTIALS", "API9-SHADOW-ENDPOINT", "ATTACK-SQL-INJECTION", "ATTACK-XSS");

    /** The API's declared surface: the customer and login endpoints only. */
    private static final String SPEC = """
            {"openapi": "3.0.3", "info": {"title": "Shop", "version": "1"},
             "servers": [{"url": "https://shop.example.test/api/v1"}],
             "paths": {"/customers/{customerId}": {"get": {"responses": {"200": {"description": "ok"}}},
                                                   "put": {"responses": {"200": {"description": "ok"}}}},
                       "/login": {"post": {"responses": {"200": {"description": "ok"}}}}}}
            """;

    @TempDir
    Path dir;

    @Test
    void nothingAnalyzeWritesCarriesAPlantedValue() throws IOException {
        Path har = dir.resolve("canaries.har");
        Files.writeString(har, JSON.writeValueAsString(har()));
        Path spec = Files.writeString(dir.resolve("openapi.json"), SPEC);
        Path out = dir.resolve("out");
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();

        int exit = EdgeMain.run(new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8),
                "analyze", "--input", har.toString(), "--out", out.toString(), "--spec", spec.toString());

        assertThat(exit).as("stderr: %s", stderr).isZero();
        List<Path> written;
        try (Stream<Path> files = Files.walk(out)) {
            written = files.filter(Files::isRegularFile).toList();
        }
        assertThat(written).hasSizeGreaterThanOrEqualTo(2);
        List<String> leaks = new ArrayList<>();
        for (Path file : written) {
            String text = Files.readString(file);
            CANARIES.forEach((kind, canary) -> {
                for (String form : forms(canary)) {
                    if (text.contains(form)) {
                        leaks.add(kind + " in " + dir.relativize(file));
                    }
                }
            });
        }
        assertThat(leaks).as("canaries found in what would leave the edge").isEmpty();

        // Not vacuous: the batch is valid and says where the data classes are.
        Path batchFile = written.stream().filter(p -> p.getFileName().toString().startsWith("batch-")).findFirst().orElseThrow();
        JsonNode batch = JSON.readTree(batchFile.toFile());
        assertThat(new PerimeterContract().violations(batch)).isEmpty();
        String batchText = batch.toString();
        for (String dataClass : List.of("EMAIL", "CARD_NUMBER", "US_SSN", "IBAN", "PHONE", "PASSWORD", "JWT", "SECRET")) {
            assertThat(batchText).as("data class %s found", dataClass).contains("\"" + dataClass + "\"");
        }
        assertThat(batchText).contains("/api/v1/customers/{");
        List<String> rules = new ArrayList<>();
        batch.get("findings").forEach(f -> rules.add(f.get("rule").asText()));
        assertThat(rules).as("findings the canary traffic triggers").containsAll(EXPECTED_RULES);
        assertThat(batch.get("edge").get("counters").has("findings_dropped")).isTrue();
        assertThat(stdout.toString(UTF_8)).contains("analyzed 7 calls").contains(batch.get("findings").size() + " findings");
    }

    @Test
    void aSpecThatIsNotOpenApiIsRefusedWithItsName() throws IOException {
        Path har = Files.writeString(dir.resolve("one.har"), JSON.writeValueAsString(har()));
        Path spec = Files.writeString(dir.resolve("swagger.json"), "{\"swagger\": \"2.0\"}");
        var stderr = new ByteArrayOutputStream();

        int exit = EdgeMain.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, UTF_8),
                "analyze", "--input", har.toString(), "--out", dir.resolve("o").toString(), "--spec", spec.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString(UTF_8)).contains("swagger.json");
    }

    @Test
    void badInputIsRefusedWithItsName() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.har"), "{\"log\": {\"entries\": [{\"request\": ");
        var stderr = new ByteArrayOutputStream();

        int exit = EdgeMain.run(new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, UTF_8),
                "analyze", "--input", broken.toString(), "--out", dir.resolve("o").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString(UTF_8)).contains("broken.har");
    }

    private static List<String> forms(String canary) {
        List<String> forms = new ArrayList<>(List.of(canary, URLEncoder.encode(canary, UTF_8),
                Base64.getEncoder().encodeToString(canary.getBytes(UTF_8)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(canary.getBytes(UTF_8))));
        if (canary.length() > 12) {
            forms.add(canary.substring(0, 12)); // a prefix is a leak too
        }
        return forms;
    }

    /**
     * Seven calls with the canaries in every place a value can sit (path, query, headers, cookies, bodies) and in
     * traffic that triggers findings: a plaintext call with Basic credentials, an SQL injection and a stack trace; a
     * mass-assignment write with an SSRF target and a script; an anonymous read of personal data with a credentialed
     * CORS answer to a foreign origin.
     */
    private static ObjectNode har() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode entries = root.putObject("log").put("version", "1.2").putArray("entries");
        String customer = "{\"id\":77,\"name\":\"" + c("name") + "\",\"email\":\"" + c("email") + "\",\"phone\":\"" + c("phone")
                + "\",\"ssn\":\"" + c("ssn") + "\",\"iban\":\"" + c("iban") + "\",\"address\":{\"street\":\"" + c("street")
                + "\"},\"date_of_birth\":\"" + c("dob") + "\",\"cards\":[{\"number\":\"" + c("card") + "\"}],\"last_ip\":\""
                + c("clientIp") + "\"}";
        entries.add(entry("GET", "https://shop.example.test/api/v1/customers/" + c("email") + "?api_key=" + c("apiKey")
                + "&ssn=" + c("ssn"), null, null, customer));
        entries.add(entry("POST", "https://shop.example.test/api/v1/login", "application/json",
                "{\"username\":\"" + c("email") + "\",\"password\":\"" + c("password") + "\"}", "{\"token\":\"" + c("jwt") + "\"}"));
        entries.add(entry("PUT", "https://shop.example.test/api/v1/customers/" + c("card"), "application/x-www-form-urlencoded",
                "card_number=" + c("card") + "&iban=" + c("iban") + "&full_name=" + URLEncoder.encode(c("name"), UTF_8), customer));

        ObjectNode plaintext = entry("GET", "http://shop.example.test/api/v1/reports?q=" + URLEncoder.encode(c("sqlPayload"), UTF_8)
                + "&email=" + URLEncoder.encode(c("email"), UTF_8), null, null, "");
        replaceHeader(plaintext, "Authorization", "Basic " + Base64.getEncoder().encodeToString(c("basicAuth").getBytes(UTF_8)));
        respond(plaintext, 500, "text/plain", "java.lang.IllegalStateException: no report for " + c("email") + " (" + c("ssn")
                + ")\n\tat com.shop.reports.ReportService.load(ReportService.java:42)\n\tat com.shop.Api.get(Api.java:7)");
        entries.add(plaintext);

        entries.add(entry("PATCH", "https://shop.example.test/api/v1/customers/me", "application/json",
                "{\"email\": \"" + c("email") + "\", \"role\": \"" + c("role") + "\", \"avatar\": \"http://" + c("ssrfTarget")
                        + "\", \"bio\": \"<script>alert('" + c("name") + "')</script>\"}",
                "{\"email\": \"" + c("email") + "\", \"role\": \"" + c("role") + "\"}"));

        ObjectNode anonymous = entry("GET", "https://shop.example.test/api/v1/directory/77", null, null,
                "{\"name\": \"" + c("name") + "\", \"email\": \"" + c("email") + "\", \"phone\": \"" + c("phone") + "\"}");
        ArrayNode anonymousHeaders = (ArrayNode) anonymous.get("request").get("headers");
        anonymousHeaders.removeAll();
        anonymousHeaders.addObject().put("name", "Origin").put("value", c("origin"));
        ArrayNode responseHeaders = (ArrayNode) anonymous.get("response").get("headers");
        responseHeaders.addObject().put("name", "Access-Control-Allow-Origin").put("value", c("origin"));
        responseHeaders.addObject().put("name", "Access-Control-Allow-Credentials").put("value", "true");
        entries.add(anonymous);

        ObjectNode second = entry("GET", "https://shop.example.test/api/v1/directory/78", null, null, "{\"email\": \"" + c("email") + "\"}");
        ((ArrayNode) second.get("request").get("headers")).removeAll();
        entries.add(second);
        return root;
    }

    private static void replaceHeader(ObjectNode entry, String name, String value) {
        ArrayNode headers = (ArrayNode) entry.get("request").get("headers");
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).get("name").asText().equalsIgnoreCase(name)) {
                ((ObjectNode) headers.get(i)).put("value", value);
            }
        }
    }

    private static void respond(ObjectNode entry, int status, String type, String body) {
        ObjectNode response = (ObjectNode) entry.get("response");
        response.put("status", status);
        ((ArrayNode) response.get("headers")).removeAll().addObject().put("name", "Content-Type").put("value", type);
        response.putObject("content").put("mimeType", type).put("text", body);
    }

    private static ObjectNode entry(String method, String url, String requestType, String requestBody, String responseBody) {
        ObjectNode entry = JSON.createObjectNode();
        entry.put("startedDateTime", "2026-11-22T10:00:00.000Z").put("time", 12).put("serverIPAddress", "10.20.30.40");
        ObjectNode request = entry.putObject("request").put("method", method).put("url", url).put("httpVersion", "HTTP/1.1");
        ArrayNode headers = request.putArray("headers");
        headers.addObject().put("name", "Authorization").put("value", "Bearer " + c("jwt"));
        headers.addObject().put("name", "X-Api-Key").put("value", c("apiKey"));
        headers.addObject().put("name", "X-Forwarded-For").put("value", c("clientIp"));
        headers.addObject().put("name", "Cookie").put("value", "session=" + c("session") + "; email=" + c("email"));
        if (requestBody != null) {
            headers.addObject().put("name", "Content-Type").put("value", requestType);
            request.putObject("postData").put("mimeType", requestType).put("text", requestBody);
        }
        ObjectNode response = entry.putObject("response").put("status", 200).put("statusText", "OK").put("httpVersion", "HTTP/1.1");
        response.putArray("headers").addObject().put("name", "Content-Type").put("value", "application/json");
        response.putObject("content").put("mimeType", "application/json").put("text", responseBody);
        return entry;
    }

    private static String c(String kind) {
        return CANARIES.get(kind);
    }
}
