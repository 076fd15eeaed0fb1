package io.perimeter.sensor.bpf;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The libbpf functions the sensor uses, bound through the FFM API. Nothing outside this package sees a
 * {@link MemorySegment}; handles are wrapped in the records below.
 *
 * <p>libbpf 1.x reports failures in two ways: functions that return a pointer return NULL and set errno (captured
 * with the call), functions that return an int return a negative errno. Every wrapper turns either into a
 * {@link BpfException}. {@code size_t} is bound as a Java {@code long}: LP64 Linux only.
 */
@SuppressWarnings("restricted") // the one class where the sensor deliberately calls native code
final class LibBpf {

    record ObjectHandle(MemorySegment segment) {}

    record MapHandle(MemorySegment segment) {}

    record ProgramHandle(MemorySegment segment) {}

    record LinkHandle(MemorySegment segment) {}

    record RingBufferHandle(MemorySegment segment) {}

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EACCES = 13;

    private static final String LIBRARY = "libbpf.so.1";
    private static final System.Logger LOG = System.getLogger("io.perimeter.sensor.bpf.libbpf");
    private static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(groupElement("errno"));

    /** The prefix of struct bpf_object_open_opts up to object_name; libbpf reads only the first {@code sz} bytes. */
    private static final StructLayout OPEN_OPTS = MemoryLayout.structLayout(
            JAVA_LONG.withName("sz"), ADDRESS.withName("object_name"));
    private static final long OPEN_OPTS_NAME = OPEN_OPTS.byteOffset(groupElement("object_name"));

    /**
     * struct bpf_uprobe_opts of libbpf 1.1 ({@code /usr/include/bpf/libbpf.h}): size_t sz, size_t ref_ctr_offset,
     * __u64 bpf_cookie, bool retprobe, const char *func_name. libbpf reads only the first {@code sz} bytes, so later
     * versions, which append fields, accept it too.
     */
    private static final StructLayout UPROBE_OPTS = MemoryLayout.structLayout(
            JAVA_LONG.withName("sz"), JAVA_LONG.withName("ref_ctr_offset"), JAVA_LONG.withName("bpf_cookie"),
            JAVA_BOOLEAN.withName("retprobe"), MemoryLayout.paddingLayout(7), ADDRESS.withName("func_name"));
    private static final long UPROBE_OPTS_RETPROBE = UPROBE_OPTS.byteOffset(groupElement("retprobe"));
    private static final long UPROBE_OPTS_FUNC_NAME = UPROBE_OPTS.byteOffset(groupElement("func_name"));
    /** The pid argument of bpf_program__attach_uprobe_opts that means every process. */
    static final int ALL_PROCESSES = -1;

    /** ring_buffer_sample_fn: {@code int (*)(void *ctx, void *data, size_t size)}. */
    private static final FunctionDescriptor SAMPLE_CALLBACK = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
    /**
     * libbpf_print_fn_t: {@code int (*)(enum libbpf_print_level, const char *, va_list)}. The va_list arrives as a
     * pointer (x86-64: an array type; arm64: a struct too large to pass by value) and goes to vsnprintf as is.
     */
    private static final FunctionDescriptor PRINT_CALLBACK = FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
    private static final int PRINT_BUFFER_SIZE = 64 * 1024;

    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final Optional<SymbolLookup> LIBBPF = openLibBpf();
    private static final List<String> MISSING_SYMBOLS = new ArrayList<>();

    private static final MethodHandle STRERROR = downcall(LIBC, "strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle VSNPRINTF = downcall(LIBC, "vsnprintf",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));

    private static final MethodHandle SET_PRINT = libbpf("libbpf_set_print", FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle OBJECT_OPEN_MEM = libbpf("bpf_object__open_mem",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle OBJECT_LOAD = libbpf("bpf_object__load", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle OBJECT_CLOSE = libbpf("bpf_object__close", FunctionDescriptor.ofVoid(ADDRESS));
    private static final MethodHandle FIND_MAP = libbpf("bpf_object__find_map_by_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle MAP_INITIAL_VALUE = libbpf("bpf_map__initial_value",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    private static final MethodHandle MAP_SET_INITIAL_VALUE = libbpf("bpf_map__set_initial_value",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG));
    private static final MethodHandle MAP_FD = libbpf("bpf_map__fd", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_MAX_ENTRIES = libbpf("bpf_map__max_entries", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle MAP_SET_MAX_ENTRIES = libbpf("bpf_map__set_max_entries",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle MAP_LOOKUP_ELEM = libbpf("bpf_map__lookup_elem",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, JAVA_LONG));
    private static final MethodHandle NUM_POSSIBLE_CPUS = libbpf("libbpf_num_possible_cpus",
            FunctionDescriptor.of(JAVA_INT));
    private static final MethodHandle FIND_PROGRAM = libbpf("bpf_object__find_program_by_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle PROGRAM_ATTACH = libbpf("bpf_program__attach",
            FunctionDescriptor.of(ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle PROGRAM_SECTION_NAME = libbpf("bpf_program__section_name",
            FunctionDescriptor.of(ADDRESS, ADDRESS));
    private static final MethodHandle PROGRAM_ATTACH_UPROBE = libbpf("bpf_program__attach_uprobe_opts",
            FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle LINK_DESTROY = libbpf("bpf_link__destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle RING_BUFFER_NEW = libbpf("ring_buffer__new",
            FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS, ADDRESS), CAPTURE_ERRNO);
    private static final MethodHandle RING_BUFFER_POLL = libbpf("ring_buffer__poll",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle RING_BUFFER_CONSUME = libbpf("ring_buffer__consume",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle RING_BUFFER_FREE = libbpf("ring_buffer__free", FunctionDescriptor.ofVoid(ADDRESS));

    static {
        if (LIBBPF.isPresent() && MISSING_SYMBOLS.isEmpty()) {
            routeLogsToJava();
        }
    }

    private LibBpf() {}

    /** Throws unless libbpf 1.x was found with every function bound above. */
    static void ensureAvailable() {
        if (LIBBPF.isEmpty()) {
            throw new BpfException(LIBRARY + " not found: install the Debian package libbpf1 (apt-get install libbpf1)");
        }
        if (!MISSING_SYMBOLS.isEmpty()) {
            throw new BpfException(LIBRARY + " lacks " + MISSING_SYMBOLS + ": libbpf 1.0 or later is needed");
        }
    }

    static ObjectHandle openObject(MemorySegment elf, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment opts = arena.allocate(OPEN_OPTS);
            opts.set(JAVA_LONG, 0, OPEN_OPTS.byteSize());
            opts.set(ADDRESS, OPEN_OPTS_NAME, arena.allocateFrom(name));
            return new ObjectHandle(pointerCall("bpf_object__open_mem", arena,
                    state -> (MemorySegment) OBJECT_OPEN_MEM.invokeExact(state, elf, elf.byteSize(), opts)));
        }
    }

    static void loadObject(ObjectHandle object) {
        intCall("bpf_object__load", () -> (int) OBJECT_LOAD.invokeExact(object.segment()));
    }

    static void closeObject(ObjectHandle object) {
        voidCall(() -> {
            OBJECT_CLOSE.invokeExact(object.segment());
        });
    }

    static MapHandle findMap(ObjectHandle object, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            return new MapHandle(pointerCall("bpf_object__find_map_by_name(\"" + name + "\")", arena,
                    state -> (MemorySegment) FIND_MAP.invokeExact(state, object.segment(), cName)));
        }
    }

    /** The size of a data section map ({@code .rodata}, {@code .data}, {@code .bss}) before load. */
    static long initialValueSize(MapHandle map, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment size = arena.allocate(JAVA_LONG);
            MemorySegment value;
            try {
                value = (MemorySegment) MAP_INITIAL_VALUE.invokeExact(map.segment(), size);
            } catch (Throwable t) {
                throw unexpected("bpf_map__initial_value", t);
            }
            if (value.equals(MemorySegment.NULL)) {
                throw new BpfException(name + " is not a data section map");
            }
            return size.get(JAVA_LONG, 0);
        }
    }

    static void setInitialValue(MapHandle map, String name, byte[] value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(JAVA_BYTE, value);
            intCall("bpf_map__set_initial_value(\"" + name + "\")",
                    () -> (int) MAP_SET_INITIAL_VALUE.invokeExact(map.segment(), data, data.byteSize()));
        }
    }

    /** Sets a map's size before load; for a ring buffer, its size in bytes. */
    static void setMaxEntries(MapHandle map, String name, int maxEntries) {
        intCall("bpf_map__set_max_entries(\"" + name + "\", " + maxEntries + ")",
                () -> (int) MAP_SET_MAX_ENTRIES.invokeExact(map.segment(), maxEntries));
    }

    static int maxEntries(MapHandle map) {
        try {
            return (int) MAP_MAX_ENTRIES.invokeExact(map.segment());
        } catch (Throwable t) {
            throw unexpected("bpf_map__max_entries", t);
        }
    }

    static int mapFd(MapHandle map) {
        return intCall("bpf_map__fd", () -> (int) MAP_FD.invokeExact(map.segment()));
    }

    /** Sums the {@code __u64} values of one key of a per-CPU array over all possible CPUs. */
    static long sumPerCpu(MapHandle map, String name, int key) {
        return sumPerCpu(map, name, key, key + 1)[0];
    }

    /** {@link #sumPerCpu(MapHandle, String, int)} for every key of the array, in key order. */
    static long[] sumPerCpuAll(MapHandle map, String name) {
        return sumPerCpu(map, name, 0, maxEntries(map));
    }

    private static long[] sumPerCpu(MapHandle map, String name, int fromKey, int toKey) {
        int cpus = intCall("libbpf_num_possible_cpus", () -> (int) NUM_POSSIBLE_CPUS.invokeExact());
        long[] sums = new long[toKey - fromKey];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment keySegment = arena.allocate(JAVA_INT);
            MemorySegment values = arena.allocate(JAVA_LONG, cpus);
            for (int key = fromKey; key < toKey; key++) {
                keySegment.set(JAVA_INT, 0, key);
                // libbpf checks both sizes against the map: a value that is not a __u64 fails with EINVAL.
                intCall("bpf_map__lookup_elem(\"" + name + "\", " + key + ")", () -> (int) MAP_LOOKUP_ELEM.invokeExact(
                        map.segment(), keySegment, keySegment.byteSize(), values, values.byteSize(), 0L));
                long sum = 0;
                for (int cpu = 0; cpu < cpus; cpu++) {
                    sum += values.getAtIndex(JAVA_LONG, cpu);
                }
                sums[key - fromKey] = sum;
            }
        }
        return sums;
    }

    static ProgramHandle findProgram(ObjectHandle object, String name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment cName = arena.allocateFrom(name);
            return new ProgramHandle(pointerCall("bpf_object__find_program_by_name(\"" + name + "\")", arena,
                    state -> (MemorySegment) FIND_PROGRAM.invokeExact(state, object.segment(), cName)));
        }
    }

    static LinkHandle attach(ProgramHandle program, String name) {
        try (Arena arena = Arena.ofConfined()) {
            return new LinkHandle(pointerCall("bpf_program__attach(\"" + name + "\")", arena,
                    state -> (MemorySegment) PROGRAM_ATTACH.invokeExact(state, program.segment())));
        }
    }

    /** The program's {@code SEC()} name, e.g. {@code uretprobe} or {@code tracepoint/syscalls/sys_enter_read}. */
    @SuppressWarnings("restricted")
    static String sectionName(ProgramHandle program) {
        MemorySegment name;
        try {
            name = (MemorySegment) PROGRAM_SECTION_NAME.invokeExact(program.segment());
        } catch (Throwable t) {
            throw unexpected("bpf_program__section_name", t);
        }
        return name.equals(MemorySegment.NULL) ? "" : name.reinterpret(Integer.MAX_VALUE).getString(0);
    }

    /**
     * Attaches a uprobe (or uretprobe) program to a function of an ELF file, in process {@code pid} or, with
     * {@link #ALL_PROCESSES}, in every process that maps the file. With a {@code function} name, libbpf finds the
     * function's offset in the file's symbol tables (and adds {@code offset}); without one, {@code offset} is the
     * file offset of the probed instruction.
     */
    static LinkHandle attachUprobe(ProgramHandle program, String name, Path binary, String function, long offset,
            boolean retprobe, int pid) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment opts = arena.allocate(UPROBE_OPTS); // zeroed: no function name unless set
            opts.set(JAVA_LONG, 0, UPROBE_OPTS.byteSize());
            opts.set(JAVA_BOOLEAN, UPROBE_OPTS_RETPROBE, retprobe);
            if (function != null) {
                opts.set(ADDRESS, UPROBE_OPTS_FUNC_NAME, arena.allocateFrom(function));
            }
            MemorySegment path = arena.allocateFrom(binary.toString());
            String where = function != null ? function : "0x" + Long.toHexString(offset);
            return new LinkHandle(pointerCall("bpf_program__attach_uprobe_opts(\"" + name + "\", " + pid + ", " + binary
                    + ", " + where + ")", arena, state -> (MemorySegment) PROGRAM_ATTACH_UPROBE.invokeExact(
                            state, program.segment(), pid, path, offset, opts)));
        }
    }

    static void destroyLink(LinkHandle link) {
        intCall("bpf_link__destroy", () -> (int) LINK_DESTROY.invokeExact(link.segment()));
    }

    /** An upcall stub for a ring buffer callback, valid as long as {@code arena}. */
    static MemorySegment sampleCallback(MethodHandle target, Arena arena) {
        return LINKER.upcallStub(target, SAMPLE_CALLBACK, arena);
    }

    static RingBufferHandle newRingBuffer(int mapFd, MemorySegment callback) {
        try (Arena arena = Arena.ofConfined()) {
            return new RingBufferHandle(pointerCall("ring_buffer__new", arena, state -> (MemorySegment)
                    RING_BUFFER_NEW.invokeExact(state, mapFd, callback, MemorySegment.NULL, MemorySegment.NULL)));
        }
    }

    /**
     * Waits for a wakeup from the ring buffer and hands the records then available to the callback. Records submitted
     * without a wakeup ({@code BPF_RB_NO_WAKEUP}) do not end the wait: {@link #consumeRingBuffer} takes them.
     *
     * @return the number of records consumed, or a negative errno, or what a callback returned to stop the poll
     */
    static int pollRingBuffer(RingBufferHandle ring, int timeoutMillis) {
        try {
            return (int) RING_BUFFER_POLL.invokeExact(ring.segment(), timeoutMillis);
        } catch (Throwable t) {
            throw unexpected("ring_buffer__poll", t);
        }
    }

    /** Hands every record available now to the callback, without waiting; the count, or as {@link #pollRingBuffer}. */
    static int consumeRingBuffer(RingBufferHandle ring) {
        try {
            return (int) RING_BUFFER_CONSUME.invokeExact(ring.segment());
        } catch (Throwable t) {
            throw unexpected("ring_buffer__consume", t);
        }
    }

    static void freeRingBuffer(RingBufferHandle ring) {
        voidCall(() -> {
            RING_BUFFER_FREE.invokeExact(ring.segment());
        });
    }

    static BpfException error(String function, int errno) {
        String message = function + ": " + strerror(errno) + " (errno " + errno + ")";
        String hint = hint(function, errno);
        return new BpfException(hint == null ? message : message + ". " + hint, errno);
    }

    private static String hint(String function, int errno) {
        if (errno == EPERM) {
            return "Run as root, or grant CAP_BPF and CAP_PERFMON";
        }
        if (errno == EACCES && function.equals("bpf_object__load")) {
            return "The verifier rejected a program: its log is in the libbpf warnings logged just before";
        }
        if (errno == ENOENT && function.startsWith("bpf_program__attach(") && !tracefsMounted()) {
            return "tracefs is not mounted: mount -t tracefs tracefs /sys/kernel/tracing";
        }
        return null;
    }

    private static boolean tracefsMounted() {
        // libbpf 1.1 looks for tracepoint ids under debugfs when it is mounted, otherwise under tracefs.
        return Files.isDirectory(Path.of("/sys/kernel/tracing/events"))
                || Files.isDirectory(Path.of("/sys/kernel/debug/tracing/events"));
    }

    static String strerror(int errno) {
        try {
            MemorySegment text = (MemorySegment) STRERROR.invokeExact(errno);
            return text.reinterpret(Integer.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            return "errno " + errno;
        }
    }

    @FunctionalInterface
    private interface PointerCall {
        MemorySegment invoke(MemorySegment callState) throws Throwable;
    }

    @FunctionalInterface
    private interface IntCall {
        int invoke() throws Throwable;
    }

    @FunctionalInterface
    private interface VoidCall {
        void invoke() throws Throwable;
    }

    private static MemorySegment pointerCall(String function, Arena arena, PointerCall call) {
        MemorySegment state = arena.allocate(CALL_STATE);
        MemorySegment result;
        try {
            result = call.invoke(state);
        } catch (Throwable t) {
            throw unexpected(function, t);
        }
        if (result.equals(MemorySegment.NULL)) {
            throw error(function, (int) ERRNO.get(state, 0L));
        }
        return result;
    }

    private static int intCall(String function, IntCall call) {
        int result;
        try {
            result = call.invoke();
        } catch (Throwable t) {
            throw unexpected(function, t);
        }
        if (result < 0) {
            throw error(function, -result);
        }
        return result;
    }

    /** Callers pass a block lambda: as an expression lambda, invokeExact would expect an Object result. */
    private static void voidCall(VoidCall call) {
        try {
            call.invoke();
        } catch (Throwable t) {
            throw unexpected("libbpf", t);
        }
    }

    /** Downcalls throw nothing themselves: anything caught here is a bug in a binding. */
    private static RuntimeException unexpected(String function, Throwable t) {
        if (t instanceof RuntimeException runtime) {
            return runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(function + " failed unexpectedly", t);
    }

    private static Optional<SymbolLookup> openLibBpf() {
        try {
            return Optional.of(SymbolLookup.libraryLookup(LIBRARY, Arena.global()));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot load " + LIBRARY, e);
            return Optional.empty();
        }
    }

    private static MethodHandle libbpf(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        Optional<MemorySegment> symbol = LIBBPF.flatMap(lookup -> lookup.find(name));
        if (symbol.isEmpty()) {
            MISSING_SYMBOLS.add(name);
            return null;
        }
        return LINKER.downcallHandle(symbol.get(), descriptor, options);
    }

    private static MethodHandle downcall(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        return LINKER.downcallHandle(lookup.findOrThrow(name), descriptor);
    }

    /** Sends libbpf's messages (warnings include the verifier log) to the {@code io.perimeter.sensor.bpf.libbpf} logger. */
    private static void routeLogsToJava() {
        try {
            MethodHandle target = MethodHandles.lookup().findStatic(LibBpf.class, "print",
                    MethodType.methodType(int.class, int.class, MemorySegment.class, MemorySegment.class));
            MemorySegment stub = LINKER.upcallStub(target, PRINT_CALLBACK, Arena.global());
            var previous = (MemorySegment) SET_PRINT.invokeExact(stub); // libbpf's default printer, not needed
        } catch (Throwable t) {
            throw unexpected("libbpf_set_print", t);
        }
    }

    /** The libbpf_print_fn_t upcall. It runs on the thread that called libbpf and must never throw. */
    private static int print(int level, MemorySegment format, MemorySegment args) {
        try {
            System.Logger.Level javaLevel = switch (level) {
                case 0 -> System.Logger.Level.WARNING;
                case 1 -> System.Logger.Level.INFO;
                default -> System.Logger.Level.DEBUG;
            };
            if (!LOG.isLoggable(javaLevel)) {
                return 0;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment text = arena.allocate(PRINT_BUFFER_SIZE);
                int length = (int) VSNPRINTF.invokeExact(text, text.byteSize(), format, args);
                String line = text.getString(0).stripTrailing();
                LOG.log(javaLevel, length >= PRINT_BUFFER_SIZE ? line + " [truncated]" : line);
            }
        } catch (Throwable t) {
            // An exception leaving an upcall would crash the JVM; a lost log line does not.
        }
        return 0;
    }
}
