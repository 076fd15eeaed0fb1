package io.perimeter.cloud.playbooks;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perimeter.cloud.findings.FindingView;
import java.util.UUID;

/** What messages and policies say about a finding: names only, as the perimeter contract let them reach the cloud. */
@Serdeable
public record FindingSubject(UUID id, String rule, String category, String severity, String method, String template,
                             @Nullable String host, @Nullable Integer port) {

    static FindingSubject of(FindingView finding) {
        return new FindingSubject(finding.id(), finding.rule(), finding.category(), finding.severity(),
                finding.method(), finding.template(), finding.host(), finding.port());
    }

    String title() {
        return severity + " " + rule + " on " + method + " " + template + (host == null ? "" : " (" + host + ")");
    }
}
