/**
 * Liveness and readiness of the cloud process for the orchestrator's probes, on Micronaut's health endpoint:
 * {@code /health/liveness} depends on nothing outside the process, {@code /health/readiness} asks the database as the
 * application role ({@link io.perimeter.cloud.health.DatabaseReadiness}) and Redis and Pulsar when they are configured.
 * Anonymous callers get the status only ({@code {"status":"UP"}} or 503 with {@code {"status":"DOWN"}}); why a check
 * failed goes to the log, never to the caller. docs/control-plane.md describes the endpoints.
 */
package io.perimeter.cloud.health;
