/**
 * Tenancy for the cloud side: the schema and its row-level security ({@code database}), tenants and their members
 * ({@code tenant}), the tenant's resources outside PostgreSQL ({@code provisioning}) and the audit trail
 * ({@code audit}).
 */
package io.perimeter.tenancy;
