package io.perimeter.sensor.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A consumer of a {@code BPF_MAP_TYPE_RINGBUF} map: each {@link #poll} hands the records the BPF programs
 * submitted to the handler, one at a time, on the polling thread.
 *
 * <p>The handler gets a read-only view of the record in host byte order, valid only during the call (the kernel
 * reuses the space right after): it copies what it keeps. If the handler throws, the poll stops and rethrows
 * that exception once libbpf has returned.
 *
 * <p>Producers may submit records without waking the reader ({@code BPF_RB_NO_WAKEUP}), to spare it a context switch
 * per record: a poll therefore looks for records every {@value #LOOK_EVERY_MILLIS} ms while it waits, whether it was
 * woken or not.
 *
 * <p>Owned by the {@link BpfObject} that opened it, which closes it when it is closed itself. Polls are serialised;
 * {@link #close()} may be called from any thread, waits for a poll in progress, and is idempotent. The handler
 * must not poll or close its own ring buffer.
 */
public final class RingBuffer implements AutoCloseable {

    /** How long a poll sleeps at most before it looks for records submitted without a wakeup. */
    static final int LOOK_EVERY_MILLIS = 10;

    private static final MethodHandle ON_SAMPLE;

    static {
        try {
            ON_SAMPLE = MethodHandles.lookup().findVirtual(RingBuffer.class, "onSample",
                    MethodType.methodType(int.class, MemorySegment.class, MemorySegment.class, long.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String mapName;
    private final Consumer<ByteBuffer> handler;
    private final ReentrantLock lock = new ReentrantLock();
    /** Owns the upcall stub libbpf calls back, and the views of records handed to the handler. */
    private final Arena arena = Arena.ofShared();
    private LibBpf.RingBufferHandle ring;         // null once closed
    private MemorySegment replayed = MemorySegment.NULL; // native copies of replayed records, grown as needed
    private boolean polling;
    private Throwable handlerFailure;

    RingBuffer(String mapName, int mapFd, Consumer<ByteBuffer> handler) {
        this.mapName = mapName;
        this.handler = handler;
        try {
            this.ring = LibBpf.newRingBuffer(mapFd, LibBpf.sampleCallback(ON_SAMPLE.bindTo(this), arena));
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** The name of the ring buffer map in its object. */
    public String mapName() {
        return mapName;
    }

    /**
     * Waits up to {@code timeout} for records and hands every available one to the handler. With a zero timeout it
     * only takes the records available now.
     *
     * @return the number of records handled; 0 when the timeout passed or a signal interrupted the wait
     * @throws BpfException if libbpf fails
     * @throws IllegalStateException if the ring buffer is closed, or called from its own handler
     * @throws RuntimeException or {@link Error}: whatever the handler threw
     */
    public int poll(Duration timeout) {
        long deadline = System.nanoTime() + Math.clamp(timeout.toMillis(), 0, Integer.MAX_VALUE) * 1_000_000L;
        lock.lock();
        try {
            ensureUsable("poll");
            polling = true;
            int result;
            try {
                result = take(deadline);
            } finally {
                polling = false;
            }
            rethrowHandlerFailure();
            if (result == -LibBpf.EINTR) {
                return 0;
            }
            if (result < 0) {
                throw LibBpf.error("ring_buffer__poll(\"" + mapName + "\")", -result);
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands a record that did not come from the kernel to the handler, by the path a polled record takes (a native
     * copy, the upcall's method, the same view of it), on this thread. This is for warming up: it lets the JIT compile
     * that path, with the types and profiles it will see, before the kernel's records arrive.
     *
     * @param record the record's bytes, from its position to its limit; not modified
     * @throws IllegalStateException if the ring buffer is closed, or called from its own handler
     * @throws RuntimeException or {@link Error}: whatever the handler threw
     */
    public void replay(ByteBuffer record) {
        int size = record.remaining();
        lock.lock();
        try {
            ensureUsable("replay");
            if (replayed.byteSize() < size) {
                replayed = arena.allocate(Math.max(size, 2 * replayed.byteSize()));
            }
            MemorySegment.copy(MemorySegment.ofBuffer(record), 0, replayed, 0, size);
            polling = true;
            try {
                onSample(MemorySegment.NULL, MemorySegment.ofAddress(replayed.address()), size);
            } finally {
                polling = false;
            }
            rethrowHandlerFailure();
        } finally {
            lock.unlock();
        }
    }

    /** Takes the records available; if there are none, waits for some until the deadline (System.nanoTime()). */
    private int take(long deadline) {
        while (true) {
            int consumed = LibBpf.consumeRingBuffer(ring);
            if (consumed != 0) {
                return consumed;
            }
            long left = Math.ceilDiv(deadline - System.nanoTime(), 1_000_000L);
            if (left <= 0) {
                return 0;
            }
            int woken = LibBpf.pollRingBuffer(ring, (int) Math.min(left, LOOK_EVERY_MILLIS));
            if (woken != 0) {
                return woken;
            }
        }
    }

    /** Frees the ring buffer; records not yet polled are dropped. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (ring == null) {
                return;
            }
            ensureUsable("close");
            LibBpf.freeRingBuffer(ring);
            ring = null;
            arena.close();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the current thread is inside this ring buffer's handler. */
    boolean isHandlingOnCurrentThread() {
        return lock.isHeldByCurrentThread() && polling;
    }

    private void ensureUsable(String operation) {
        if (polling) {
            throw new IllegalStateException("cannot " + operation + " ring buffer " + mapName + " from its own handler");
        }
        if (ring == null) {
            throw new IllegalStateException("ring buffer " + mapName + " is closed");
        }
    }

    private void rethrowHandlerFailure() {
        Throwable failure = handlerFailure;
        handlerFailure = null;
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException("ring buffer " + mapName + " handler failed", failure);
        }
    }

    /** The ring_buffer_sample_fn upcall, on the polling thread. It must never throw: that would crash the JVM. */
    @SuppressWarnings("restricted") // libbpf hands over size valid bytes, readable until the upcall returns
    private int onSample(MemorySegment context, MemorySegment data, long size) {
        // Scoped to the ring buffer's arena rather than to an arena per record (one more allocation and close per
        // record): a view kept by mistake reads recycled records, but fails rather than crashes once the ring is
        // unmapped.
        try {
            ByteBuffer record = data.reinterpret(size, arena, null).asReadOnly().asByteBuffer()
                    .order(ByteOrder.nativeOrder());
            handler.accept(record);
            return 0;
        } catch (Throwable t) {
            handlerFailure = t;
            return -1; // a negative result makes libbpf stop the poll and return it
        }
    }

    @Override
    public String toString() {
        return "RingBuffer[" + mapName + "]";
    }
}
