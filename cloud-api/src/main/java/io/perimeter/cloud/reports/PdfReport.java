package io.perimeter.cloud.reports;

import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import jakarta.inject.Singleton;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * A report as PDF: the XHTML template {@code reports/report.xhtml} filled by Thymeleaf, laid out by openhtmltopdf on
 * PDFBox. The output is a function of the report alone: the PDF's dates are the report's "as of" time, its document
 * id is a hash of the CSV rendering (the report's content), and the text uses the PDF standard fonts (Helvetica),
 * which are not embedded, so no font subset with a random tag appears. Thread-safe.
 */
@Singleton
final class PdfReport {
    private static final String PRODUCER = "Perimeter compliance reports";

    private final TemplateEngine templates = new TemplateEngine();

    PdfReport() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(PdfReport.class.getClassLoader());
        resolver.setPrefix("reports/");
        resolver.setSuffix(".xhtml");
        resolver.setTemplateMode(TemplateMode.XML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        templates.setTemplateResolver(resolver);
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, java.util.logging.Level.WARNING));
    }

    byte[] write(Report report) {
        String html = html(report);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(html, null);
        builder.withProducer(PRODUCER);
        // The renderer owns the output device, the font resolver and a thread-local layout context: closing it (after
        // the document, which try-with-resources closes first) releases them on this pooled worker thread.
        try (PdfBoxRenderer renderer = builder.buildPdfRenderer();
             PDDocument document = renderer.createPDFKeepOpen()) {
            Calendar asOf = calendar(report.to());
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(title(report));
            info.setAuthor("Perimeter");
            info.setSubject(report.kind().title() + " for " + report.tenantSlug());
            info.setProducer(PRODUCER);
            info.setCreator(PRODUCER);
            info.setCreationDate(asOf);
            info.setModificationDate(asOf);
            byte[] id = Arrays.copyOf(sha256(html.getBytes(StandardCharsets.UTF_8)), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("the PDF could not be laid out", e);
        }
    }

    /** The report as the XHTML the PDF is laid out from. */
    String html(Report report) {
        Context context = new Context();
        context.setVariable("report", report);
        context.setVariable("title", title(report));
        context.setVariable("from", report.from() == null ? "the first observation" : report.from().toString());
        context.setVariable("to", report.to().toString());
        context.setVariable("dash", " \u2014 ");
        return templates.process("report", context);
    }

    static String title(Report report) {
        return report.kind().title() + ": " + report.tenantName();
    }

    private static Calendar calendar(Instant instant) {
        GregorianCalendar calendar = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        calendar.setTimeInMillis(instant.toEpochMilli());
        return calendar;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
