package io.perimeter.analyzer.discovery;

import java.util.Objects;

/**
 * Caps and settings of an {@link InventoryBuilder}.
 *
 * @param maxServices                  services kept; calls to further ones count under {@link ServiceKey#OVERFLOW}
 * @param maxEndpointsPerService       endpoints kept per service; calls to further ones are only counted
 *                                     ({@link Service#unattributedCalls()})
 * @param maxEndpoints                 endpoints kept across all services, counted the same way
 * @param maxContentTypesPerEndpoint   request content types with a schema per endpoint, and response
 *                                     (status, content type) pairs with a schema per endpoint
 * @param maxCredentialNamesPerEndpoint distinct auth evidences (scheme + header/cookie/parameter name) per endpoint
 * @param maxTemplateNodes             path-trie nodes of all services together (each service also has
 *                                     {@link TemplaterSettings#maxNodes()})
 * @param maxSchemaFields              schema fields of all endpoints of all services together (each schema
 *                                     also has {@link SchemaLimits#maxNodes()})
 * @param templater                    path templating
 * @param schemaLimits                 schema inference
 */
public record InventorySettings(
        int maxServices,
        int maxEndpointsPerService,
        int maxEndpoints,
        int maxContentTypesPerEndpoint,
        int maxCredentialNamesPerEndpoint,
        long maxTemplateNodes,
        long maxSchemaFields,
        TemplaterSettings templater,
        SchemaLimits schemaLimits) {

    public InventorySettings {
        Objects.requireNonNull(templater, "templater");
        Objects.requireNonNull(schemaLimits, "schemaLimits");
        if (maxServices < 1 || maxEndpointsPerService < 1 || maxEndpoints < 1 || maxContentTypesPerEndpoint < 1
                || maxCredentialNamesPerEndpoint < 1 || maxTemplateNodes < 1 || maxSchemaFields < 1) {
            throw new IllegalArgumentException("invalid inventory settings: " + this);
        }
    }

    /**
     * 1,000 services, 2,000 endpoints each and 20,000 in all, 8 content types, 16 credential names,
     * 200,000 trie nodes and 500,000 schema fields in all (see docs/discovery.md for what that costs in
     * memory).
     */
    public static InventorySettings defaults() {
        return new InventorySettings(1_000, 2_000, 20_000, 8, 16, 200_000, 500_000, TemplaterSettings.defaults(),
                SchemaLimits.defaults());
    }
}
