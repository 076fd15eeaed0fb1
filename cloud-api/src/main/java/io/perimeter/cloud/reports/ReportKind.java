package io.perimeter.cloud.reports;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The compliance reports the cloud produces. */
public enum ReportKind {
    /** A GDPR Article 30-style record of processing. */
    GDPR("GDPR record of processing activities (Article 30)"),
    /** PCI DSS v4.0 evidence for the cardholder-data environment. */
    PCI("PCI DSS v4.0 cardholder-data evidence");

    private final String title;

    ReportKind(String title) {
        this.title = title;
    }

    /** The name in the API, the database and file names: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }

    public static Optional<ReportKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.name().equalsIgnoreCase(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ReportKind::id).toList();
    }
}
