package io.perimeter.analyzer.enrollment;

/**
 * What the control plane answered to an accepted enrollment token: the edge's identity and its credential. Stored with
 * {@link EdgeState#save(EnrollmentGrant)}; {@link #toString()} leaves the credential out.
 *
 * @param enrollment the edge's identity
 * @param credential the bearer credential the shipper sends
 */
public record EnrollmentGrant(Enrollment enrollment, String credential) {

    @Override
    public String toString() {
        return "EnrollmentGrant[" + enrollment + ", credential hidden]";
    }
}
