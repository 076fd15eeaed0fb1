package io.perimeter.sensor.events;

import io.perimeter.sensor.bpf.AttachedProgram;
import io.perimeter.sensor.bpf.BpfException;
import io.perimeter.sensor.bpf.BpfObject;
import io.perimeter.sensor.bpf.PerimeterConfig;
import io.perimeter.sensor.bpf.RingBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The capture program ({@code bpf/sensor.bpf.c}) loaded into the kernel with its syscall and scheduler tracepoints
 * attached: from {@link #load} on, it reports the TCP traffic, connections and process starts and exits of the
 * traced processes, which {@link #poll} hands over as {@link SensorEvent}s. TLS plaintext is reported once
 * {@link #attachTls} has probed the TLS library a process uses.
 *
 * <p>Thread-safety: {@link #poll} calls are serialised, and its consumer runs on the polling thread and must not call
 * {@code poll} or {@code close}. {@link #attachTls} and {@link #counters} may be called from any thread.
 * {@link #close()} may be called from any thread but the consumer's, waits for a poll in progress, and is
 * idempotent; afterwards the other methods throw {@link IllegalStateException}.
 */
public final class SensorProgram implements AutoCloseable {

    /** The object as edge-sensor's build packages it. */
    static final String RESOURCE = "/io/perimeter/sensor/bpf/sensor.bpf.o";
    private static final String EVENTS_MAP = "events";
    private static final String COUNTERS_MAP = "counters";

    /** Every tracepoint program of the object; they attach where their SEC() says. */
    static final List<String> TRACEPOINT_PROGRAMS = List.of(
            "trace_enter_read", "trace_exit_read", "trace_enter_write", "trace_exit_write",
            "trace_enter_readv", "trace_exit_readv", "trace_enter_writev", "trace_exit_writev",
            "trace_enter_recvfrom", "trace_exit_recvfrom", "trace_enter_sendto", "trace_exit_sendto",
            "trace_enter_recvmsg", "trace_exit_recvmsg", "trace_enter_sendmsg", "trace_exit_sendmsg",
            "trace_exit_accept", "trace_exit_accept4", "trace_enter_connect", "trace_exit_connect",
            "trace_enter_close", "trace_exec", "trace_exit");

    /**
     * Load-time settings.
     *
     * @param chunkSize most bytes per data event, 1..{@value PerimeterConfig#MAX_CHUNK_SIZE}
     * @param maxChunksPerCall most data events per call, 1..{@value PerimeterConfig#MAX_CHUNKS_PER_CALL}: a larger
     *     call is reported as that many events of consecutive bytes, the last one standing for the rest
     * @param ringBufferBytes the ring buffer's size: a power of two, at least a page (4096 bytes on x86-64). The
     *     programs wake the reader only once an eighth of it is filled; {@link #poll} looks every few milliseconds
     *     in between
     * @param selfTgid a process never traced: the sensor's own, so that it does not report itself
     * @param filterTgid the only process traced, or 0 to trace every process but {@code selfTgid}
     */
    public record Config(int chunkSize, int maxChunksPerCall, int ringBufferBytes, int selfTgid, int filterTgid) {

        private static final int MIN_RING_BUFFER_BYTES = 4096;
        /**
         * Large enough to ride out a burst while the reader is slow, as a freshly started JVM is: 32 MiB hold about
         * 0.6 s of 2 KB answers at 25,000 calls/s.
         */
        public static final int DEFAULT_RING_BUFFER_MIB = 32;
        /** The reader is woken once this share of the ring buffer is filled, and otherwise polls. */
        private static final int WAKEUP_FRACTION = 8;

        public Config {
            // PerimeterConfig checks the rest.
            new PerimeterConfig(0, selfTgid, filterTgid, chunkSize, maxChunksPerCall, 0);
            if (ringBufferBytes < MIN_RING_BUFFER_BYTES || Integer.bitCount(ringBufferBytes) != 1) {
                throw new IllegalArgumentException("ringBufferBytes must be a power of two of at least "
                        + MIN_RING_BUFFER_BYTES + ": " + ringBufferBytes);
            }
        }

        /** 8 KiB chunks, 4 per call, a {@value #DEFAULT_RING_BUFFER_MIB} MiB ring buffer, every process but this one. */
        public static Config defaults() {
            return new Config(PerimeterConfig.MAX_CHUNK_SIZE, 4, DEFAULT_RING_BUFFER_MIB * 1024 * 1024,
                    Math.toIntExact(ProcessHandle.current().pid()), 0);
        }

        public Config withFilterTgid(long tgid) {
            return new Config(chunkSize, maxChunksPerCall, ringBufferBytes, selfTgid, Math.toIntExact(tgid));
        }

        public Config withRingBufferBytes(int bytes) {
            return new Config(chunkSize, maxChunksPerCall, bytes, selfTgid, filterTgid);
        }

        public Config withChunks(int size, int maxPerCall) {
            return new Config(size, maxPerCall, ringBufferBytes, selfTgid, filterTgid);
        }

        PerimeterConfig perimeterConfig() {
            return PerimeterConfig.capture(selfTgid, filterTgid, chunkSize, maxChunksPerCall,
                    ringBufferBytes / WAKEUP_FRACTION);
        }
    }

    private final Config config;
    private final BpfObject object;
    private final RingBuffer ring;
    private final ReentrantLock pollLock = new ReentrantLock();
    private final SensorEvents decoder = new SensorEvents(); // used under pollLock
    private Consumer<? super SensorEvent> consumer; // set during a poll, on the polling thread

    private SensorProgram(Config config, BpfObject object) {
        this.config = config;
        this.object = object;
        this.ring = object.openRingBuffer(EVENTS_MAP, this::onRecord);
        for (String program : TRACEPOINT_PROGRAMS) {
            object.attach(program);
        }
    }

    /**
     * Loads the packaged program with {@code config} and attaches its tracepoints.
     *
     * @throws BpfException if libbpf, BTF, tracefs or privileges are missing, or the kernel refuses the program
     * @throws IllegalStateException if the program is not on the class path (edge-sensor's build packages it)
     */
    public static SensorProgram load(Config config) {
        BpfObject object = BpfObject.load("sensor", packagedObject(), config.perimeterConfig(),
                Map.of(EVENTS_MAP, config.ringBufferBytes()));
        try {
            return new SensorProgram(config, object);
        } catch (RuntimeException e) {
            try {
                object.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The settings it was loaded with. */
    public Config config() {
        return config;
    }

    /**
     * Probes the TLS functions of a file: {@code SSL_write} and {@code SSL_read}, and {@code SSL_write_ex} and
     * {@code SSL_read_ex} where the file has them. With a {@link Config#filterTgid() filter}, the probes are set in
     * that process only, so that other processes that use the same library take no uprobe trap; otherwise in every
     * process that maps the file, now or later. Probe each file once: twice reports its plaintext twice. The probes
     * go where {@link TlsProbePlacement#AUTO} says.
     *
     * @param binary a shared {@code libssl}, or an executable with OpenSSL linked in and exported (Node.js)
     * @return the probes, attached until closed (or until this program is)
     * @throws BpfException if the file does not exist or lacks {@code SSL_write} or {@code SSL_read}
     *     ({@link BpfException#isNotFound()}), or the kernel refuses a probe; nothing stays attached then
     */
    public TlsProbes attachTls(Path binary) {
        return attachTls(binary, TlsProbePlacement.AUTO);
    }

    /**
     * Probes {@code SSL_write}, {@code SSL_read} and their {@code _ex} forms of {@code binary}, where
     * {@code placement} says: the exported functions, or a function both forms of a call go through (see
     * {@link TlsProbeSites}).
     *
     * @throws BpfException if the file lacks the plain forms or the kernel refuses a probe; nothing stays attached
     */
    public TlsProbes attachTls(Path binary, TlsProbePlacement placement) {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(placement, "placement");
        List<AttachedProgram> attached = new ArrayList<>();
        List<String> functions = new ArrayList<>();
        List<String> sites = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        try {
            for (TlsProbeSites.Site site : TlsProbeSites.of(elf(binary), placement)) {
                try {
                    // The return probe first: an entry without its return would leave a call open on its thread.
                    attached.add(attachUprobe(site.returnProgram(), binary, site));
                } catch (BpfException e) {
                    if (site.required() || !e.isNotFound()) {
                        throw e;
                    }
                    continue;
                }
                attached.add(attachUprobe(site.entryProgram(), binary, site));
                functions.addAll(site.covers());
                sites.add(site.describe());
                if (site.fileOffset() >= 0) {
                    offsets.add(site.fileOffset());
                }
            }
        } catch (RuntimeException e) {
            try {
                AttachedProgram.closeAll(attached);
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        return new TlsProbes(binary, functions, sites, offsets, attached);
    }

    private static ElfImage elf(Path binary) {
        try {
            return ElfImage.read(binary).orElse(null);
        } catch (IOException e) {
            return null; // libbpf reports the file as it finds it
        }
    }

    private AttachedProgram attachUprobe(String program, Path binary, TlsProbeSites.Site site) {
        int pid = config.filterTgid();
        if (site.byOffset()) {
            return object.attachUprobeAt(program, binary, site.fileOffset(), pid);
        }
        return pid == 0 ? object.attachUprobe(program, binary, site.function())
                : object.attachUprobe(program, binary, site.function(), pid);
    }

    /**
     * Waits up to {@code timeout} for events and hands every available one to {@code consumer}, in ring buffer
     * order, on this thread.
     *
     * @return the number of events handled; 0 when the timeout passed first
     * @throws IllegalArgumentException if a record cannot be decoded (a program/decoder mismatch); the poll stops there
     * @throws BpfException if libbpf fails
     * @throws RuntimeException whatever {@code consumer} threw; the poll stops there
     */
    public int poll(Duration timeout, Consumer<? super SensorEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        pollLock.lock();
        try {
            this.consumer = consumer;
            return ring.poll(timeout);
        } finally {
            this.consumer = null;
            pollLock.unlock();
        }
    }

    /**
     * Warms up the path every record takes, from the ring buffer's upcall through decoding to {@code consumer}, by
     * handing it the synthetic records of {@code exchanges} request/response pairs as if the kernel had written them.
     * A freshly started JVM interprets that path at first, several times slower than once compiled, and a busy host
     * can fill the ring buffer meanwhile; the warm-up lets the JIT compile it, with the types and branch profiles of
     * real records, before the probes are attached. The consumer gets plain and TLS data of a few hundred made-up
     * connections; give it a throwaway {@code ConnectionTracker}, not the real one.
     *
     * @throws IllegalStateException if the program is closed
     * @throws RuntimeException whatever {@code consumer} threw
     */
    public void warmUp(int exchanges, Consumer<? super SensorEvent> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        pollLock.lock();
        try {
            this.consumer = consumer;
            WarmUpTraffic.replay(exchanges, ring::replay);
        } finally {
            this.consumer = null;
            pollLock.unlock();
        }
    }

    /**
     * The counters, each summed over all CPUs; a snapshot, read while the program runs.
     *
     * @return every {@link SensorCounter}, unmodifiable
     */
    public Map<SensorCounter, Long> counters() {
        long[] values = object.readPerCpuCounters(COUNTERS_MAP);
        Map<SensorCounter, Long> counters = new EnumMap<>(SensorCounter.class);
        for (SensorCounter counter : SensorCounter.values()) {
            if (counter.index() >= values.length) {
                throw new IllegalStateException("the program has " + values.length + " counters, no " + counter);
            }
            counters.put(counter, values[counter.index()]);
        }
        return Collections.unmodifiableMap(counters);
    }

    /** Detaches everything and unloads the program; events not yet polled are dropped. */
    @Override
    public void close() {
        object.close();
    }

    private void onRecord(ByteBuffer record) {
        consumer.accept(decoder.decode(record));
    }

    private static byte[] packagedObject() {
        try (InputStream in = SensorProgram.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path: edge-sensor's Maven build "
                        + "compiles it from bpf/ (see bpf/README.md)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    @Override
    public String toString() {
        return "SensorProgram[" + config + "]";
    }
}
