/**
 * The durable spool of outgoing batches: {@link io.perimeter.analyzer.spool.Spool} keeps contract batches (gzipped
 * JSON, by {@code batchId}) in an SQLite database in WAL mode with {@code synchronous=FULL}, so that they survive
 * {@code kill -9} and restarts until the {@link io.perimeter.analyzer.shipper.Shipper} has delivered them.
 *
 * <p>The spool is bounded ({@link io.perimeter.analyzer.spool.SpoolSettings}); the oldest batches are evicted to make
 * room, and every eviction is counted ({@link io.perimeter.analyzer.spool.SpoolStats}) and logged. Batches the control
 * plane refuses for good go to a dead-letter area with their status code and a problem-type token only. See
 * {@code docs/spool-and-shipper.md} for the choice of SQLite, the files on disk and the guarantees.
 */
package io.perimeter.analyzer.spool;
