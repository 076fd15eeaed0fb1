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
 * <p>Owned by the {@link BpfObject} that opened it, which closes it when it is closed itself. Polls are serialised;
 * {@link #close()} may be called from any thread, waits for a poll in progress, and is idempotent. The handler
 * must not poll or close its own ring buffer.
 */
public final class RingBuffer implements AutoCloseable {

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
    private final Arena arena = Arena.ofShared(); // owns the upcall stub libbpf calls back
    private LibBpf.RingBufferHandle ring;         // null once closed
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
     * Waits up to {@code timeout} for records and hands every available one to the handler.
     *
     * @return the number of records handled; 0 when the timeout passed or a signal interrupted the wait
     * @throws BpfException if libbpf fails
     * @throws IllegalStateException if the ring buffer is closed, or called from its own handler
     * @throws RuntimeException or {@link Error}: whatever the handler threw
     */
    public int poll(Duration timeout) {
        int timeoutMillis = Math.clamp(timeout.toMillis(), 0, Integer.MAX_VALUE);
        lock.lock();
        try {
            ensureUsable("poll");
            polling = true;
            int result;
            try {
                result = LibBpf.pollRingBuffer(ring, timeoutMillis);
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
        try (Arena call = Arena.ofConfined()) {
            ByteBuffer record = data.reinterpret(size, call, null).asReadOnly().asByteBuffer()
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
