package io.perimeter.sensor.events;

/** Where {@link SensorProgram#attachTls} sets the TLS probes of a file. */
public enum TlsProbePlacement {
    /**
     * On the exported functions, unless both forms of a call ({@code SSL_read} and {@code SSL_read_ex}, or the
     * write pair) are thin wrappers of one function whose first instruction the kernel traps cheaply: then on that
     * function, once for both. See {@link TlsProbeSites}.
     */
    AUTO,
    /** Always on the exported functions {@code SSL_read}, {@code SSL_write} and their {@code _ex} forms. */
    EXPORTED
}
