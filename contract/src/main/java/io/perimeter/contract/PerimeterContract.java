package io.perimeter.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;

/**
 * The perimeter contract, version 1: {@code docs/contract/perimeter-batch-v1.schema.json}. A batch that validates
 * has no member that can carry a raw value of a request or response. Thread-safe; create one and share it.
 */
public final class PerimeterContract {
    /** The value of a batch's {@code schema} member. */
    public static final String VERSION = "perimeter.batch/v1";
    static final String RESOURCE = "/io/perimeter/contract/perimeter-batch-v1.schema.json";

    private final JsonSchema schema;

    public PerimeterContract() {
        try (InputStream in = PerimeterContract.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .pathType(com.networknt.schema.PathType.JSON_PATH)
                    .formatAssertionsEnabled(true)
                    .errorMessageKeyword(null)
                    .build();
            this.schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every violation of the contract, in document order; empty when the batch may leave the edge. */
    public List<ContractViolation> violations(JsonNode batch) {
        return schema.validate(batch).stream()
                .map(PerimeterContract::violation)
                .sorted(Comparator.comparing(ContractViolation::location).thenComparing(ContractViolation::rule))
                .toList();
    }

    /** Whether the batch keeps the contract. */
    public boolean accepts(JsonNode batch) {
        return schema.validate(batch).isEmpty();
    }

    private static final java.util.regex.Pattern SAFE_NAME = java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final java.util.regex.Pattern PATH_PART = java.util.regex.Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]|\\['((?:[^'\\\\]|\\\\.)*)']");

    private static ContractViolation violation(ValidationMessage message) {
        // The validator's own messages quote offending values (a pattern mismatch, say), and a location can hold
        // an object key that is itself data: only schema words, indices and identifier-like names are passed on.
        String location = safeLocation(message.getInstanceLocation().toString());
        String rule = message.getType();
        String property = message.getProperty();
        String what = property != null && SAFE_NAME.matcher(property).matches() ? location + "." + property : location;
        return new ContractViolation(location, rule, what + " breaks the contract rule '" + rule + "'");
    }

    static String safeLocation(String location) {
        StringBuilder safe = new StringBuilder("$");
        var parts = PATH_PART.matcher(location);
        int at = location.startsWith("$") ? 1 : 0;
        while (at < location.length() && parts.find(at) && parts.start() == at) {
            if (parts.group(2) != null) {
                safe.append('[').append(parts.group(2)).append(']');
            } else {
                String name = parts.group(1) != null ? parts.group(1) : parts.group(3);
                safe.append('.').append(SAFE_NAME.matcher(name).matches() ? name : "<key>");
            }
            at = parts.end();
        }
        if (at < location.length()) {
            safe.append(".<key>");
        }
        return safe.toString();
    }
}
