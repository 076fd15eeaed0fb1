package io.perimeter.sensor.bpf;

/**
 * A BPF program attached to its hook (a tracepoint, a uprobe, ...) until closed.
 *
 * <p>Owned by the {@link BpfObject} that attached it, which closes it when it is closed itself; closing it earlier
 * detaches just this program. Thread-safe; {@link #close()} is idempotent.
 */
public final class AttachedProgram implements AutoCloseable {

    private final String name;
    private LibBpf.LinkHandle link;

    AttachedProgram(String name, LibBpf.LinkHandle link) {
        this.name = name;
        this.link = link;
    }

    /** The program's name in the object (its C function name). */
    public String name() {
        return name;
    }

    public synchronized boolean isAttached() {
        return link != null;
    }

    /**
     * Detaches the program.
     *
     * @throws BpfException if libbpf reports a failure; the link is released anyway
     */
    @Override
    public synchronized void close() {
        if (link == null) {
            return;
        }
        LibBpf.LinkHandle detaching = link;
        link = null;
        LibBpf.destroyLink(detaching);
    }

    @Override
    public String toString() {
        return "AttachedProgram[" + name + (isAttached() ? "]" : ", detached]");
    }
}
