/**
 * API discovery: from observed {@link io.perimeter.sensor.call.ApiCall calls} to an inventory of services
 * and endpoints that holds metadata only.
 *
 * <ul>
 *   <li>{@link io.perimeter.analyzer.discovery.PathTemplater} turns raw paths into templates
 *       ({@code GET /users/{id}/orders}) by typing segments and by cardinality, per service;
 *   <li>{@link io.perimeter.analyzer.discovery.SchemaInferrer} learns field paths, types, formats and
 *       required/optional from JSON bodies, forms and query strings into
 *       {@link io.perimeter.analyzer.discovery.ObservedSchema}s;
 *   <li>{@link io.perimeter.analyzer.discovery.InventoryBuilder} puts it together per service and
 *       endpoint (status codes, latency histogram, auth scheme, content types, first/last seen) and hands
 *       out immutable {@link io.perimeter.analyzer.discovery.Inventory} snapshots;
 *   <li>{@link io.perimeter.analyzer.discovery.OpenApiExporter} writes a service as OpenAPI 3.1.
 * </ul>
 *
 * <p>By construction nothing in an {@code Inventory} can carry a raw value of a request or response:
 * variable path segments are placeholders, bodies and queries are names and types, headers and cookies
 * are scheme and names, clients are never identified. See {@code docs/discovery.md} for the rules, the
 * caps and the measured accuracy.
 */
package io.perimeter.analyzer.discovery;
