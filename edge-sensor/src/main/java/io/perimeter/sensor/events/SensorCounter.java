package io.perimeter.sensor.events;

/**
 * The capture program's per-CPU counters ({@code enum perimeter_counter} of {@code bpf/include/perimeter_events.h}),
 * read summed over all CPUs by {@link SensorProgram#counters()}. They only grow while the program is loaded.
 *
 * <p>Whatever the kernel side could not hand over is counted by one of the counters for which {@link #countsLoss()}
 * is true: nothing is dropped silently. The others tell what the program did.
 */
public enum SensorCounter {
    /** Records written to the ring buffer. */
    EVENTS_SENT(0, false),
    /** Records that did not fit in the ring buffer (user space did not keep up): lost. */
    EVENTS_LOST(1, true),
    /** Stream bytes that lost data records stood for ({@link DataEvent#trueLength()} of each). */
    DATA_BYTES_LOST(2, true),
    /** Bytes that data records sent stood for but did not carry: the chunk limits at work. */
    DATA_BYTES_TRUNCATED(3, false),
    /** Calls whose user buffer could not be read (not resident): their events are truncated. */
    DATA_UNREADABLE(4, true),
    /** Connections not tracked because the connection map refused the entry: their data is not captured. */
    CONN_MAP_FULL(5, true),
    /** Syscalls or TLS calls not followed because a per-thread or TLS map refused the entry. */
    STATE_MAP_FULL(6, true),
    /** TLS calls reported before their connection was known (a {@link TlsBindEvent} may follow). */
    TLS_UNBOUND(7, false),
    /** SSL objects bound to a connection, each announced by a {@link TlsBindEvent}. */
    TLS_BOUND(8, false),
    /** Socket bytes of TLS connections, not reported because they are ciphertext. */
    CIPHERTEXT_BYTES(9, false);

    private final int index;
    private final boolean loss;

    SensorCounter(int index, boolean loss) {
        this.index = index;
        this.loss = loss;
    }

    /** The counter's key in the {@code counters} map. */
    public int index() {
        return index;
    }

    /** Whether a non-zero value means that something was not captured. */
    public boolean countsLoss() {
        return loss;
    }
}
