package io.perimeter.cloud.reports;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.IntConsumer;

/**
 * Computes a report's file from the tenant's stored data: read, build the statements, render. A pure function of the
 * data, the kind, the format and the window (whose end is fixed when the report is requested, so a re-run after more
 * data arrived gives the same file); {@code progress} hears the percentage after each step.
 */
@Singleton
final class ReportGenerator {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final ReportInputReader reader;
    private final PdfReport pdf;

    ReportGenerator(ReportInputReader reader, PdfReport pdf) {
        this.reader = reader;
        this.pdf = pdf;
    }

    ReportFile generate(ReportJob job, IntConsumer progress) {
        ReportInputs inputs = reader.read(job.tenantId(), job.windowFrom(), end(job));
        progress.accept(40);
        Report report = switch (job.kind()) {
            case GDPR -> GdprRecord.of(inputs);
            case PCI -> PciAssessment.of(inputs);
        };
        progress.accept(60);
        byte[] content = switch (job.format()) {
            case CSV -> CsvReport.write(report);
            case PDF -> pdf.write(report);
        };
        progress.accept(90);
        String name = "perimeter-" + job.kind().id() + "-" + report.tenantSlug() + "-" + DAY.format(report.to()) + "."
                + job.format().id();
        return new ReportFile(name, job.format().contentType(), content);
    }

    /**
     * The window's end: the one stored with the job, which is the request time when none was asked for. Jobs queued
     * before the end was stored on every request have none: their request time is used, so that every run of them
     * gives the same file too.
     */
    static Instant end(ReportJob job) {
        return job.windowTo() != null ? job.windowTo() : job.requestedAt();
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(PdfReport.sha256(content));
    }
}
