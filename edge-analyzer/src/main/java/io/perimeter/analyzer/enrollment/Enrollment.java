package io.perimeter.analyzer.enrollment;

import java.util.UUID;

/**
 * Who this edge is to the control plane, as enrollment made it: the edge's id (written into every batch), its tenant,
 * and where the control plane is. The credential is kept apart ({@link EdgeState#credential()}), so that this record
 * can be printed and logged.
 *
 * @param edgeId the id the control plane gave the edge
 * @param tenant the tenant's slug
 * @param cloud  the control plane the edge enrolled with
 */
public record Enrollment(UUID edgeId, String tenant, CloudEndpoint cloud) {

    /** The edge id as batches carry it (a lower-case UUID, which the contract's identifier pattern admits). */
    public String batchEdgeId() {
        return edgeId.toString();
    }
}
