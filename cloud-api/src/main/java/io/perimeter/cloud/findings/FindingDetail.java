package io.perimeter.cloud.findings;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A finding with its triage history, oldest event first. */
@Serdeable
public record FindingDetail(@JsonUnwrapped FindingView finding, List<FindingEventView> history) {
}
