package io.perimeter.cloud.findings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finding's redacted evidence as the contract defines it: where ({@code location}, {@code field},
 * {@code headerName}), which data classes, and facts that are numbers or flags. Read member by member, and facts
 * that are neither are dropped, so a stored value of any other shape cannot reach a response.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Evidence(String location, @Nullable String field, @Nullable String headerName, List<String> dataClasses,
                       Map<String, Object> facts) {

    public Evidence {
        dataClasses = dataClasses == null ? List.of() : List.copyOf(dataClasses);
        Map<String, Object> kept = new LinkedHashMap<>();
        if (facts != null) {
            facts.forEach((name, value) -> {
                if (value instanceof Number || value instanceof Boolean) {
                    kept.put(name, value);
                }
            });
        }
        facts = kept;
    }
}
