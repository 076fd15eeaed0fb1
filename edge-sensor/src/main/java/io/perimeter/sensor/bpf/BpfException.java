package io.perimeter.sensor.bpf;

import java.io.Serial;

/**
 * A failure of libbpf or of the kernel's BPF support: the message names the failing call, the {@code strerror}
 * text and, where the cause is a known set-up problem (missing privileges, libbpf, BTF or tracefs), what to do
 * about it.
 */
public final class BpfException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int errno;

    BpfException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    BpfException(String message) {
        this(message, 0);
    }

    /** The errno reported by libbpf or the kernel, or 0 when the failure was found before any native call. */
    public int errno() {
        return errno;
    }

    /** Whether the failure is that something named does not exist: a map, a program, a file or a probed function. */
    public boolean isNotFound() {
        return errno == LibBpf.ENOENT;
    }
}
