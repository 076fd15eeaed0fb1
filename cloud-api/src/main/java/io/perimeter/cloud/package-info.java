/**
 * The cloud API, package by feature: {@code identity} (people and edges), {@code edges} (enrollment, credentials),
 * {@code ingest} (contract batches to inventory and findings), {@code inventory}, {@code findings}, {@code members},
 * {@code tenants}, {@code ratelimit}, and {@code problem} (every error as RFC 9457 problem details).
 */
package io.perimeter.cloud;
