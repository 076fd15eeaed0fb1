package io.perimeter.analyzer.cli;

import io.perimeter.analyzer.findings.ApiSpec;
import io.perimeter.analyzer.findings.FindingsSettings;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The analysis options that {@code analyze} and {@code run} share. */
final class AnalysisOptions {

    @Option(names = "--body-cap", paramLabel = "BYTES", defaultValue = "65536", description = "bytes of each body analyzed (default: ${DEFAULT-VALUE})")
    int bodyCap;

    @Option(names = "--spec", paramLabel = "FILE", description = "the API's OpenAPI 3 document (JSON or YAML): endpoints it does not declare "
            + "become shadow-endpoint findings, calls to operations it marks deprecated deprecated-operation findings")
    Path spec;

    @Option(names = "--internal-domain", split = ",", paramLabel = "DOMAIN", description = "a domain of your own, not a third party (repeatable; "
            + "private addresses, .internal, .local and single-label names always are)")
    List<String> internalDomains = List.of();

    FindingsSettings findingsSettings() {
        return FindingsSettings.defaults().withInternalDomains(internalDomains);
    }

    /**
     * The OpenAPI document, if one was given.
     *
     * @throws IllegalArgumentException naming the file, when it cannot be read or is not OpenAPI 3
     */
    Optional<ApiSpec> apiSpec() {
        if (spec == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ApiSpec.read(spec));
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new IllegalArgumentException(spec + ": " + e.getMessage(), e);
        }
    }
}
