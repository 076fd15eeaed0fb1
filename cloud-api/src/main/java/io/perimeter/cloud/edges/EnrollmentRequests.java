package io.perimeter.cloud.edges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * The bodies of enrollment: what an admin asks for, what they get, what an edge sends and receives. The first two are
 * public for in-process callers of {@link Enrollment#createToken} (the local quick start).
 */
public final class EnrollmentRequests {
    static final String EDGE_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,62}";
    static final String HOSTNAME = "[A-Za-z0-9][A-Za-z0-9.-]{0,252}";
    static final String VERSION = "[0-9]{1,4}\\.[0-9]{1,4}\\.[0-9]{1,4}(-[A-Za-z0-9.]{1,32})?";

    private EnrollmentRequests() {}

    /** An admin asks for a token for one edge, valid for {@code validMinutes} (default 60, at most a week). */
    @Serdeable
    public record CreateToken(
            @NotBlank @Pattern(regexp = EDGE_NAME, message = "must be 1-63 letters, digits or ._- (e.g. edge-fra-01)")
            String edgeName,
            @Nullable @Min(5) @Max(10_080) Integer validMinutes) {
    }

    /** The token, shown once: only its hash is kept. */
    @Serdeable
    public record CreatedToken(UUID tokenId, String edgeName, String token, Instant expiresAt, String installCommand) {
    }

    /** What an edge sends to enroll. */
    @Serdeable
    record Enroll(
            @NotBlank @Size(max = 128) String token,
            @Nullable @Pattern(regexp = HOSTNAME, message = "must be a host name") String hostname,
            @Nullable @Pattern(regexp = VERSION, message = "must be a version like 1.2.3") String version) {
    }

    /** The edge's identity and credential, returned once. */
    @Serdeable
    record Enrolled(UUID edgeId, String tenant, String credential) {
    }

    /** A rotated credential, returned once. */
    @Serdeable
    record Rotated(UUID edgeId, String credential) {
    }
}
