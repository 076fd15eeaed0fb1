/**
 * The shipper: {@link io.perimeter.analyzer.shipper.Shipper} drains the {@link io.perimeter.analyzer.spool.Spool} to
 * the control plane's ingest over HTTPS, one gzipped batch per request with the edge credential and the batch id as
 * idempotency key. It acknowledges what was stored, dead-letters what is refused for good, pauses when the credential
 * is refused, honours {@code Retry-After}, and otherwise backs off exponentially with full jitter. Its
 * {@link io.perimeter.analyzer.shipper.ShipperStatus} names errors by status code or exception class only. See
 * {@code docs/spool-and-shipper.md}.
 */
package io.perimeter.analyzer.shipper;
