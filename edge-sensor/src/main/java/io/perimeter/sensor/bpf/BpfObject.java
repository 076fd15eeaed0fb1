package io.perimeter.sensor.bpf;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A BPF object (a compiled {@code *.bpf.o}) loaded into the kernel through libbpf: its programs can be attached,
 * its ring buffers polled and its per-CPU counters read.
 *
 * <p>It owns everything obtained from it: {@link #close()} frees the ring buffers, detaches the programs and
 * unloads the object, in that order, and is idempotent. The methods are thread-safe. {@code close()} may be called
 * from any thread except a ring buffer handler's, and waits for polls in progress; the other methods throw
 * {@link IllegalStateException} once {@code close()} has begun.
 */
public final class BpfObject implements AutoCloseable {

    private static final Path KERNEL_BTF = Path.of("/sys/kernel/btf/vmlinux");
    /** The data section that holds the only const volatile global, struct perimeter_config. */
    private static final String CONFIG_SECTION = ".rodata";
    /** The SEC() prefix of return probes: libbpf's uprobe attach needs to be told. */
    private static final String URETPROBE_SECTION = "uretprobe";

    private final String name;
    private final Arena arena; // the ELF image libbpf was opened on
    private final LibBpf.ObjectHandle object;
    private final List<RingBuffer> ringBuffers = new ArrayList<>();
    private final List<AttachedProgram> programs = new ArrayList<>();
    private boolean closing;

    private BpfObject(String name, Arena arena, LibBpf.ObjectHandle object) {
        this.name = name;
        this.arena = arena;
        this.object = object;
    }

    /**
     * Opens an object from the bytes of its ELF file, writes {@code config} into its {@code .rodata}, and loads
     * its maps and programs into the kernel (the verifier runs here). Nothing is attached yet.
     *
     * @param name a short name for the object, used by libbpf in its map names and logs
     * @throws BpfException if libbpf is missing, the kernel has no BTF, the object does not declare
     *     {@code struct perimeter_config} as its only read-only global, or libbpf or the kernel refuses the object
     */
    public static BpfObject load(String name, byte[] elf, PerimeterConfig config) {
        return load(name, elf, config, Map.of());
    }

    /**
     * {@link #load(String, byte[], PerimeterConfig)}, with the sizes of some maps changed before they are created.
     *
     * @param mapSizes {@code max_entries} by map name; for a {@code BPF_MAP_TYPE_RINGBUF} that is its size in bytes,
     *     which the kernel wants a power of two and a multiple of the page size
     * @throws BpfException as {@link #load(String, byte[], PerimeterConfig)} does, or if a named map does not exist
     *     or the kernel refuses its size
     */
    public static BpfObject load(String name, byte[] elf, PerimeterConfig config, Map<String, Integer> mapSizes) {
        LibBpf.ensureAvailable();
        if (!Files.exists(KERNEL_BTF)) {
            throw new BpfException("the kernel has no BTF (" + KERNEL_BTF + " is missing): the sensor needs "
                    + "Linux 5.8 or later built with CONFIG_DEBUG_INFO_BTF=y");
        }
        Arena arena = Arena.ofShared();
        LibBpf.ObjectHandle handle;
        try {
            MemorySegment image = arena.allocate(elf.length, 16);
            MemorySegment.copy(elf, 0, image, JAVA_BYTE, 0, elf.length);
            handle = LibBpf.openObject(image, name);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
        BpfObject bpfObject = new BpfObject(name, arena, handle);
        try {
            bpfObject.writeConfig(config);
            mapSizes.forEach((map, size) -> LibBpf.setMaxEntries(LibBpf.findMap(handle, map), map, size));
            LibBpf.loadObject(handle);
            return bpfObject;
        } catch (RuntimeException e) {
            try {
                bpfObject.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The name given at load. */
    public String name() {
        return name;
    }

    /**
     * Attaches a program where its {@code SEC()} says (tracepoint, uprobe, ...).
     *
     * @param programName the program's C function name
     * @throws BpfException if there is no such program, or the kernel refuses the attachment
     */
    public synchronized AttachedProgram attach(String programName) {
        ensureOpen();
        LibBpf.ProgramHandle program = LibBpf.findProgram(object, programName);
        AttachedProgram attached = new AttachedProgram(programName, LibBpf.attach(program, programName));
        keep(attached);
        return attached;
    }

    /**
     * Attaches a {@code SEC("uprobe")} or {@code SEC("uretprobe")} program to a function of an ELF file (a shared
     * library or an executable), in every process that maps that file, now or later. Whether it runs at the
     * function's entry or return follows from its section.
     *
     * @param programName the program's C function name
     * @param binary the file, e.g. {@code /usr/lib/x86_64-linux-gnu/libssl.so.3}; the probe follows its inode, so
     *     any path to the same file will do
     * @param function the function's name in the file's symbol table ({@code .dynsym} or {@code .symtab})
     * @throws BpfException if there is no such program or file, the file has no such function (errno ENOENT), or the
     *     kernel refuses the probe
     */
    public AttachedProgram attachUprobe(String programName, Path binary, String function) {
        return attachUprobe(programName, binary, function, LibBpf.ALL_PROCESSES);
    }

    /**
     * {@link #attachUprobe(String, Path, String)} in one process only: the kernel sets the breakpoint in that
     * process's mappings of the file and nowhere else, so other processes that call the function take no trap.
     * The probe stays with the process across an exec, and covers the file if the process maps it later.
     *
     * @param pid the process (its thread group id)
     * @throws BpfException as {@link #attachUprobe(String, Path, String)} does, or if there is no such process
     */
    public AttachedProgram attachUprobe(String programName, Path binary, String function, long pid) {
        if (pid <= 0) {
            throw new IllegalArgumentException("not a process id: " + pid);
        }
        return attachUprobe(programName, binary, function, Math.toIntExact(pid));
    }

    /**
     * Attaches a uprobe (or uretprobe) program to the code at {@code fileOffset} of {@code binary}, which must be the
     * first byte of a function's instruction (of its first one, for a uretprobe).
     *
     * @param pid the only process to set the probe in, or 0 for every process that maps the file
     * @throws BpfException if there is no such program or file, or the kernel refuses the probe
     */
    public AttachedProgram attachUprobeAt(String programName, Path binary, long fileOffset, long pid) {
        if (fileOffset < 0 || pid < 0) {
            throw new IllegalArgumentException("negative offset or process id: " + fileOffset + ", " + pid);
        }
        return attachUprobe(programName, binary, null, fileOffset, pid == 0 ? LibBpf.ALL_PROCESSES : Math.toIntExact(pid));
    }

    private AttachedProgram attachUprobe(String programName, Path binary, String function, int pid) {
        return attachUprobe(programName, binary, function, 0, pid);
    }

    private synchronized AttachedProgram attachUprobe(String programName, Path binary, String function, long offset,
            int pid) {
        ensureOpen();
        String where = function != null ? function : "offset 0x" + Long.toHexString(offset);
        if (!Files.isRegularFile(binary)) {
            throw new BpfException("cannot probe " + where + " in " + binary + ": no such file", LibBpf.ENOENT);
        }
        LibBpf.ProgramHandle program = LibBpf.findProgram(object, programName);
        boolean retprobe = LibBpf.sectionName(program).startsWith(URETPROBE_SECTION);
        LibBpf.LinkHandle link;
        try {
            link = LibBpf.attachUprobe(program, programName, binary, function, offset, retprobe, pid);
        } catch (BpfException e) {
            if (e.errno() != LibBpf.ENOENT || function == null) {
                throw e;
            }
            throw new BpfException(binary + " has no function " + function + " that libbpf can find in its symbol "
                    + "tables (" + e.getMessage() + "): probe a file that defines and exports it", e.errno());
        }
        AttachedProgram attached = new AttachedProgram(programName, link);
        keep(attached);
        return attached;
    }

    /**
     * Opens a consumer of a ring buffer map; see {@link RingBuffer} for how the handler is called.
     *
     * @throws BpfException if there is no such map or it is not a ring buffer
     */
    public synchronized RingBuffer openRingBuffer(String mapName, Consumer<ByteBuffer> handler) {
        ensureOpen();
        int mapFd = LibBpf.mapFd(LibBpf.findMap(object, mapName));
        RingBuffer ringBuffer = new RingBuffer(mapName, mapFd, handler);
        ringBuffers.add(ringBuffer);
        return ringBuffer;
    }

    /**
     * Reads one {@code __u64} entry of a {@code BPF_MAP_TYPE_PERCPU_ARRAY}, summed over all CPUs.
     *
     * @throws BpfException if there is no such map, the index is out of range, or its values are not 8 bytes
     */
    public synchronized long readPerCpuCounter(String mapName, int index) {
        ensureOpen();
        return LibBpf.sumPerCpu(LibBpf.findMap(object, mapName), mapName, index);
    }

    /**
     * Reads every {@code __u64} entry of a {@code BPF_MAP_TYPE_PERCPU_ARRAY}, each summed over all CPUs.
     *
     * @return the sums, indexed by key
     * @throws BpfException if there is no such map or its values are not 8 bytes
     */
    public synchronized long[] readPerCpuCounters(String mapName) {
        ensureOpen();
        return LibBpf.sumPerCpuAll(LibBpf.findMap(object, mapName), mapName);
    }

    /** Frees the ring buffers, detaches the programs and unloads the object; idempotent. */
    @Override
    public void close() {
        List<RingBuffer> toClose;
        synchronized (this) {
            if (closing) {
                return;
            }
            if (ringBuffers.stream().anyMatch(RingBuffer::isHandlingOnCurrentThread)) {
                throw new IllegalStateException("cannot close " + name + " from a ring buffer handler");
            }
            closing = true;
            toClose = List.copyOf(ringBuffers);
        }
        // Outside the monitor: closing a ring buffer waits for its poll, whose handler may call into this object.
        List<AutoCloseable> steps = new ArrayList<>(toClose);
        synchronized (this) {
            steps.addAll(programs);
            steps.add(() -> LibBpf.closeObject(object));
            steps.add(arena::close);
        }
        closeAll(steps);
    }

    /** Runs every step even if one fails, then rethrows the first failure. */
    private static void closeAll(List<AutoCloseable> steps) {
        RuntimeException failure = null;
        for (AutoCloseable step : steps) {
            try {
                step.close();
            } catch (Exception e) {
                RuntimeException unchecked = e instanceof RuntimeException r ? r : new IllegalStateException(e);
                if (failure == null) {
                    failure = unchecked;
                } else {
                    failure.addSuppressed(unchecked);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void writeConfig(PerimeterConfig config) {
        LibBpf.MapHandle section;
        try {
            section = LibBpf.findMap(object, CONFIG_SECTION);
        } catch (BpfException e) {
            throw new BpfException(name + " has no " + CONFIG_SECTION + ": a Perimeter BPF object declares "
                    + "const volatile struct perimeter_config perimeter_config", e.errno());
        }
        long size = LibBpf.initialValueSize(section, CONFIG_SECTION);
        // The loader writes the whole section, so perimeter_config must be all of it (at offset 0).
        if (size != PerimeterConfig.SIZE) {
            throw new BpfException(name + ": " + CONFIG_SECTION + " has " + size + " bytes but struct perimeter_config "
                    + "has " + PerimeterConfig.SIZE + ": perimeter_config must be the object's only const volatile global");
        }
        LibBpf.setInitialValue(section, CONFIG_SECTION, config.toBytes());
    }

    /** Keeps a program to detach on close, forgetting those already detached (probes come and go with libraries). */
    private void keep(AttachedProgram attached) {
        programs.removeIf(program -> !program.isAttached());
        programs.add(attached);
    }

    private void ensureOpen() {
        if (closing) {
            throw new IllegalStateException("BPF object " + name + " is closed");
        }
    }

    @Override
    public String toString() {
        return "BpfObject[" + name + "]";
    }
}
