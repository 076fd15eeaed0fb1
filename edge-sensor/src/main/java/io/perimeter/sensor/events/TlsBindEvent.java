package io.perimeter.sensor.events;

/**
 * The sensor learned which connection an SSL object carries: every TLS {@link DataEvent} of {@code sslPtr} in this
 * process, earlier ones with {@code connId} 0 included, is the plaintext of connection {@code connId}. An SSL object
 * can be bound again later, to another connection, when the TLS library reuses its memory.
 *
 * @param sslPtr the {@code SSL *} in the process's address space
 * @param fd the connection's file descriptor
 * @param connId the connection, as in its {@link ConnectionEvent}
 */
public record TlsBindEvent(long timestampNanos, int tgid, long sslPtr, int fd, long connId) implements SensorEvent {}
