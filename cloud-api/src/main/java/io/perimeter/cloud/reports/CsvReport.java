package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A report as CSV (RFC 4180, UTF-8, CRLF): one row per statement, each with the report it belongs to, the window, and
 * its evidence. A cell that a spreadsheet would read as a formula (starting with {@code = + - @}, a tab or a carriage
 * return) is prefixed with an apostrophe: host names and templates come from observed traffic.
 */
final class CsvReport {
    static final List<String> COLUMNS = List.of("report", "tenant", "window_from", "window_to", "section",
            "reference", "outcome", "subject", "statement", "evidence_type", "evidence_id", "first_seen", "last_seen");

    private CsvReport() {}

    static byte[] write(Report report) {
        StringBuilder out = new StringBuilder();
        row(out, COLUMNS);
        for (Report.Section section : report.sections()) {
            for (Report.Statement statement : section.statements()) {
                Report.Evidence evidence = statement.evidence();
                row(out, List.of(report.kind().id(), report.tenantSlug(), time(report.from()), time(report.to()),
                        section.number() + " " + section.title(), statement.reference(), statement.outcome(),
                        statement.subject(), statement.text(), evidence.type(), nullToEmpty(evidence.id()),
                        time(evidence.firstSeen()), time(evidence.lastSeen())));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static String time(@Nullable Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
