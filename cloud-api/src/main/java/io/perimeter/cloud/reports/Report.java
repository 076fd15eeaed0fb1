package io.perimeter.cloud.reports;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A compliance report before it is written as a file: what it is about and its statements, grouped in sections. The
 * CSV and the PDF of a report are two renderings of this one value, and it is computed from stored data only, so the
 * same data and window give the same report.
 *
 * @param from the window's start, or null for everything up to {@code to}
 * @param to the window's end; also the report's "as of" time (never the wall clock)
 */
public record Report(ReportKind kind, String tenantSlug, String tenantName, @Nullable Instant from, Instant to,
                     List<Section> sections) {

    public Report {
        sections = List.copyOf(sections);
    }

    /** A part of the report: the article or requirement it answers, and its statements. */
    public record Section(String number, String title, String reference, String explanation,
                          List<Statement> statements) {
        public Section {
            statements = List.copyOf(statements);
        }

        /** How many statements have each outcome, e.g. "2 FAIL, 2 PASS", outcomes in alphabetical order. */
        public String summary() {
            Map<String, Long> counts = new TreeMap<>();
            statements.forEach(s -> counts.merge(s.outcome(), 1L, Long::sum));
            StringJoiner text = new StringJoiner(", ");
            counts.forEach((outcome, count) -> text.add(count + " " + outcome));
            return text.toString();
        }
    }

    /**
     * One claim the report makes, with what supports it.
     *
     * @param reference the article or requirement it evidences ("Art. 30(1)(c)", "PCI DSS 4.2.1")
     * @param outcome a short verdict in capitals: PASS, FAIL, GAP, IN SCOPE, PROCESSES, the finding's severity...
     * @param subject what it is about: "GET shop.example.test:8443 /api/v1/users/{id}"
     * @param text the statement in words
     * @param evidence where it comes from and when that was seen
     */
    public record Statement(String reference, String outcome, String subject, String text, Evidence evidence) {
    }

    /**
     * What a statement rests on: a stored endpoint, service or finding by id, and the time it was seen, or the whole
     * window when the statement is that nothing was seen.
     */
    public record Evidence(String type, @Nullable String id, @Nullable Instant firstSeen, @Nullable Instant lastSeen) {
        /** "endpoint 3f2…, seen 2026-12-01T10:00:00Z to 2026-12-06T09:00:00Z". */
        public String describe() {
            StringBuilder text = new StringBuilder(type);
            if (id != null) {
                text.append(' ').append(id);
            }
            if (firstSeen != null || lastSeen != null) {
                text.append(", seen ").append(firstSeen == null ? "the start" : firstSeen.toString()).append(" to ")
                        .append(lastSeen == null ? "now" : lastSeen.toString());
            }
            return text.toString();
        }
    }
}
