package io.perimeter.cloud.tenants;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** What onboarding a tenant needs: its slug and name, and its first owner. */
@Serdeable
record NewTenant(
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{1,30}[a-z0-9]",
                message = "must be 3-32 lower-case letters, digits and inner dashes") String slug,
        @NotBlank @Size(max = 200) String name,
        @NotNull @Valid FirstOwner firstAdmin) {

    /** An existing user by username, or a new one that Keycloak invites at {@code email}. */
    @Serdeable
    record FirstOwner(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._@+-]{1,255}", message = "must be a username") String username,
            @Nullable @Email String email) {
    }
}
