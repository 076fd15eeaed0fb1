package io.perimeter.sensor.events;

import io.perimeter.sensor.bpf.AttachedProgram;
import java.nio.file.Path;
import java.util.List;

/**
 * The TLS uprobes of one file (a {@code libssl} or an executable with OpenSSL linked in), attached by
 * {@link SensorProgram#attachTls(Path)} until closed. Closing the {@link SensorProgram} closes them too.
 * Thread-safe; {@link #close()} is idempotent.
 */
public final class TlsProbes implements AutoCloseable {

    private final Path binary;
    private final List<String> functions;
    private final List<String> sites;
    private final List<Long> fileOffsets;
    private final List<AttachedProgram> programs;

    TlsProbes(Path binary, List<String> functions, List<String> sites, List<Long> fileOffsets,
            List<AttachedProgram> programs) {
        this.binary = binary;
        this.functions = List.copyOf(functions);
        this.sites = List.copyOf(sites);
        this.fileOffsets = List.copyOf(fileOffsets);
        this.programs = List.copyOf(programs);
    }

    /** The probed file, as given to {@link SensorProgram#attachTls(Path)}. */
    public Path binary() {
        return binary;
    }

    /** The functions whose calls are seen: {@code SSL_write}, {@code SSL_read} and the {@code _ex} forms found. */
    public List<String> functions() {
        return functions;
    }

    /**
     * Where the probes are, one entry per entry/return pair: an exported function's name, or for a function that
     * both forms of a call go through, {@code SSL_read+SSL_read_ex@callee:0x<file offset>} (see
     * {@link TlsProbePlacement#AUTO}).
     */
    public List<String> sites() {
        return sites;
    }

    /**
     * Where in the file the probed instructions lie, one per site whose place is known: the kernel keeps a breakpoint
     * (an {@code int3}, byte {@code 0xcc}) there in every process the probes cover.
     */
    public List<Long> fileOffsets() {
        return fileOffsets;
    }

    /**
     * Detaches the probes.
     *
     * @throws io.perimeter.sensor.bpf.BpfException if libbpf reports a failure; every probe is detached anyway
     */
    @Override
    public void close() {
        AttachedProgram.closeAll(programs);
    }

    @Override
    public String toString() {
        return "TlsProbes[" + binary + ", " + sites + "]";
    }
}
