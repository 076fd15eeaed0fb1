package io.perimeter.cloud;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** The Perimeter control plane's API: people through Keycloak tokens, edges through their enrolled credentials. */
@OpenAPIDefinition(info = @Info(
        title = "Perimeter cloud API",
        version = "1",
        description = "Tenants, edges and enrollment, ingest of perimeter-contract batches, API inventory, findings "
                + "and their triage, audit log. Every resource belongs to one tenant; a caller of another tenant "
                + "gets 404."))
@SecurityScheme(name = "keycloak", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
@SecurityScheme(name = "edge", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "The credential an edge obtained by enrollment")
public final class CloudApi {
    private CloudApi() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CloudApi.class).banner(false).start();
    }
}
