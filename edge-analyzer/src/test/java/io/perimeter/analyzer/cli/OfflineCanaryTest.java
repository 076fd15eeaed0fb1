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
 * {@code analyze}; everything it writes (the batch that would be shipped and the OpenAPI exports) is searched for
 * every canary, raw, base64 and URL-encoded. None may be found, while the data classes must be.
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
    }

    @TempDir
    Path dir;

    @Test
    void nothingAnalyzeWritesCarriesAPlantedValue() throws IOException {
        Path har = dir.resolve("canaries.har");
        Files.writeString(har, JSON.writeValueAsString(har()));
        Path out = dir.resolve("out");
        var stdout = new ByteArrayOutputStream();
        var stderr = new ByteArrayOutputStream();

        int exit = EdgeMain.run(new PrintStream(stdout, true, UTF_8), new PrintStream(stderr, true, UTF_8),
                "analyze", "--input", har.toString(), "--out", out.toString());

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
        assertThat(stdout.toString(UTF_8)).contains("analyzed 3 calls");
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

    /** Three calls with the canaries in every place a value can sit: path, query, headers, cookies, bodies. */
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
        return root;
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
