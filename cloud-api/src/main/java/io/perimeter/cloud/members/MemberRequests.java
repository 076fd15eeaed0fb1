package io.perimeter.cloud.members;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/** The bodies of membership requests. Roles are owner, admin, analyst or viewer. */
public final class MemberRequests {
    private MemberRequests() {}

    /** Add a person, by their Keycloak username, with a role. */
    @Serdeable
    public record NewMember(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@+-]{1,255}", message = "must be a username") String username,
            @NotBlank String role) {
    }

    @Serdeable
    public record RoleChange(@NotBlank String role) {
    }
}
