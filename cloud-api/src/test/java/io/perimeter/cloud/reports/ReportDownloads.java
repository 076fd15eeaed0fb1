package io.perimeter.cloud.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.cloud.support.ApiClient;
import io.perimeter.cloud.support.Reply;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * Reports as the API's client sees them: requested and awaited, downloaded (checked against the job's name, type and
 * SHA-256, and kept under target/reports to look at), and read back: the PDF's text with PDFBox, the CSV's rows.
 */
final class ReportDownloads {
    private ReportDownloads() {}

    /** Requests a report and waits for it to finish; fails unless it is done. */
    static JsonNode generate(ApiClient client, Map<String, ?> request) {
        Reply accepted = client.post("/api/v1/reports", request);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.json().path("status").asText()).isIn("queued", "running", "done");
        JsonNode done = awaitFinished(client, accepted.json().path("id").asText());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("done");
        return done;
    }

    static JsonNode awaitFinished(ApiClient client, String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = client.get("/api/v1/reports/" + id).json();
            if (job.path("status").asText().equals("done") || job.path("status").asText().equals("failed")) {
                return job;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("report " + id + " did not finish in 90 s");
    }

    static byte[] download(ApiClient client, JsonNode done, String contentType) {
        HttpResponse<byte[]> file = client.getBytes(done.path("download").asText());
        if (contentType != null) {
            assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith(contentType);
        }
        assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                .contains(done.path("fileName").asText());
        assertThat(sha256(file.body())).isEqualTo(done.path("sha256").asText());
        keep(done.path("fileName").asText(), file.body());
        return file.body();
    }

    /** A copy under target/reports, to look at. */
    static void keep(String name, byte[] content) {
        try {
            Path folder = Files.createDirectories(Path.of("target/reports"));
            Files.write(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pdfText(byte[] pdf) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static Map<String, String> only(List<Map<String, String>> rows, String reference, String outcome,
                                            UUID evidence) {
        List<Map<String, String>> matching = rows.stream().filter(r -> r.get("reference").equals(reference)
                && r.get("outcome").equals(outcome) && r.get("evidence_id").equals(evidence.toString())).toList();
        assertThat(matching).as("%s %s rows of %s", reference, outcome, evidence).hasSize(1);
        return matching.getFirst();
    }

    /**
     * The PDF's text without white space: the layout breaks lines where it likes (after a slash in a template, at a
     * hyphen), so statements are compared with their white space removed on both sides.
     */
    static String compact(String text) {
        return text.replaceAll("\\s+", "");
    }

    static void containsAll(String text, String... expected) {
        for (String statement : expected) {
            assertThat(compact(text)).as("the PDF states: %s", statement).contains(compact(statement));
        }
    }

    static void containsNone(String text, String... unexpected) {
        for (String statement : unexpected) {
            assertThat(compact(text)).as("the PDF does not state: %s", statement).doesNotContain(compact(statement));
        }
    }

    /** RFC 4180 with a header row. */
    static List<Map<String, String>> csv(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                records.add(record);
                record = new ArrayList<>();
                i++;
            } else {
                cell.append(c);
            }
        }
        assertThat(cell.toString()).as("the CSV ends with CRLF").isEmpty();
        List<String> header = records.getFirst();
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> values : records.subList(1, records.size())) {
            assertThat(values).as("cells of a row").hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
