package io.perimeter.analyzer.batch;

import io.perimeter.contract.ContractViolation;
import java.util.List;

/**
 * A batch the edge made breaks the perimeter contract: it is never spooled or sent. This is a defect of the edge;
 * the violations name members and rules, never values.
 */
public final class BatchRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<ContractViolation> violations;

    BatchRejectedException(List<ContractViolation> violations) {
        super("the batch breaks the perimeter contract: " + violations);
        this.violations = List.copyOf(violations);
    }

    public List<ContractViolation> violations() {
        return violations;
    }
}
