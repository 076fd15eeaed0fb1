/**
 * The {@link io.perimeter.sensor.call.ApiCall} record: one HTTP exchange as the sensor saw it, the boundary
 * between {@code edge-sensor} and {@code edge-analyzer}. Every source (eBPF capture, HAR files, the
 * {@code capture} JSON lines) produces the same records. They hold raw values and never leave the host.
 */
package io.perimeter.sensor.call;
