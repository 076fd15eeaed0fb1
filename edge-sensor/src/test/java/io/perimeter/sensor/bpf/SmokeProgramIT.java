package io.perimeter.sensor.bpf;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads the packaged smoke program into the kernel and checks that a write(2) of this JVM comes back through the
 * ring buffer. Needs root (or CAP_BPF + CAP_PERFMON), kernel BTF and tracefs; fails, never skips, without them.
 */
@Tag("kernel")
class SmokeProgramIT {

    private static final Duration WAIT_FOR_EVENT = Duration.ofSeconds(5);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    @Test
    void reportsTheWritesOfThisProcessWithTheirBytes(@TempDir Path dir) throws IOException {
        byte[] shortWrite = ("perimeter-smoke-" + UUID.randomUUID()).getBytes(US_ASCII);
        byte[] longWrite = ("perimeter-smoke-" + UUID.randomUUID() + "-" + "x".repeat(100)).getBytes(US_ASCII);
        byte[] longWriteChunk = Arrays.copyOf(longWrite, SmokeEvent.CHUNK);
        Path file = dir.resolve("smoke.txt");
        List<SmokeEvent> events = new ArrayList<>();

        BpfObject object = BpfObject.load("smoke", packagedObject(), PerimeterConfig.tracing(ProcessHandle.current()));
        try (object) {
            RingBuffer ring = object.openRingBuffer("events", record -> events.add(SmokeEvent.decode(record)));
            AttachedProgram program = object.attach("smoke_write");

            try (FileOutputStream out = new FileOutputStream(file.toFile())) {
                out.write(shortWrite);
                out.write(longWrite);

                SmokeEvent whole = awaitEvent(ring, events, shortWrite);
                SmokeEvent truncated = awaitEvent(ring, events, longWriteChunk);

                for (SmokeEvent event : List.of(whole, truncated)) {
                    assertThat(event.tgid()).isEqualTo(ProcessHandle.current().pid());
                    assertThat(event.tid()).isEqualTo(currentThreadId());
                    assertThat(event.comm()).isEqualTo(Files.readString(Path.of("/proc/thread-self/comm")).strip());
                    assertThat(Files.readSymbolicLink(Path.of("/proc/self/fd/" + event.fd())))
                            .as("the fd of the event is the file written to").isEqualTo(file.toRealPath());
                }
                assertThat(whole.requestedLength()).isEqualTo(shortWrite.length);
                assertThat(whole.data()).isEqualTo(shortWrite);
                assertThat(whole.truncated()).isFalse();
                assertThat(truncated.requestedLength()).isEqualTo(longWrite.length);
                assertThat(truncated.data()).isEqualTo(longWriteChunk);
                assertThat(truncated.truncated()).isTrue();
            }
            assertThat(events).allSatisfy(event -> assertThat(event.tgid()).isEqualTo(ProcessHandle.current().pid()));
            assertThat(object.readPerCpuCounter("dropped_events", 0)).isNotNegative();

            program.close();
            assertThat(program.isAttached()).isFalse();
            object.close();
            assertThatThrownBy(() -> ring.poll(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> object.attach("smoke_write")).isInstanceOf(IllegalStateException.class);
        }
        assertThatCode(object::close).as("a second close").doesNotThrowAnyException();
    }

    @Test
    void aFailingHandlerFailsThePollNotTheJvm(@TempDir Path dir) throws IOException {
        IllegalArgumentException failure = new IllegalArgumentException("handler failure");

        try (BpfObject object = BpfObject.load("smoke", packagedObject(),
                PerimeterConfig.tracing(ProcessHandle.current()))) {
            RingBuffer ring = object.openRingBuffer("events", record -> {
                throw failure;
            });
            object.attach("smoke_write");
            Files.writeString(dir.resolve("smoke.txt"), "perimeter-smoke-" + UUID.randomUUID());

            assertThatThrownBy(() -> ring.poll(WAIT_FOR_EVENT)).isSameAs(failure);
        }
    }

    private static byte[] packagedObject() throws IOException {
        try (InputStream in = BpfObject.class.getResourceAsStream("smoke.bpf.o")) {
            assertThat(in).as("io/perimeter/sensor/bpf/smoke.bpf.o on the classpath (built from bpf/ by Maven)")
                    .isNotNull();
            return in.readAllBytes();
        }
    }

    /** Polls until an event carrying exactly {@code data} arrives; the marker in it makes it unique. */
    private static SmokeEvent awaitEvent(RingBuffer ring, List<SmokeEvent> events, byte[] data) {
        long deadline = System.nanoTime() + WAIT_FOR_EVENT.toNanos();
        while (true) {
            for (SmokeEvent event : events) {
                if (Arrays.equals(event.data(), data)) {
                    return event;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                return fail("no event with \"%s\" after %s of polling (%d other events seen)",
                        new String(data, US_ASCII), WAIT_FOR_EVENT, events.size());
            }
            ring.poll(POLL_TIMEOUT);
        }
    }

    /** The kernel's id of the current thread: /proc/thread-self links to {@code <tgid>/task/<tid>}. */
    private static int currentThreadId() throws IOException {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }
}
