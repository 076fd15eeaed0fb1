package io.perimeter.sensor.bpf;

import java.util.Collection;

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

    /**
     * Detaches several programs, each even if another fails. Expect tens of milliseconds per program: the kernel
     * waits for an RCU grace period in each detach.
     *
     * @throws BpfException the first failure, the others suppressed
     */
    public static void closeAll(Collection<AttachedProgram> programs) {
        RuntimeException failure = null;
        for (AttachedProgram program : programs) {
            try {
                program.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "AttachedProgram[" + name + (isAttached() ? "]" : ", detached]");
    }
}
