package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.perimeter.sensor.http.Direction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The events of one traced child, from its start to its exit, as the kernel tests read them. */
record ChildEvents(List<SensorEvent> all) {
    static final Duration CHILD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    /** Lets the child run and polls until its exit event, then drains what is left. */
    static ChildEvents of(SensorProgram sensor, TracedChild child) throws IOException, InterruptedException {
        List<SensorEvent> events = new ArrayList<>();
        child.release();
        long deadline = System.nanoTime() + CHILD_TIMEOUT.toNanos();
        Predicate<SensorEvent> exit = event -> event instanceof ExitEvent e && e.tgid() == child.pid();
        while (events.stream().noneMatch(exit)) {
            if (System.nanoTime() - deadline > 0) {
                fail("no exit event for %d after %s (%d events); child stderr: %s", child.pid(), CHILD_TIMEOUT,
                        events.size(), child.stderr());
            }
            sensor.poll(POLL_TIMEOUT, events::add);
        }
        child.awaitSuccess(CHILD_TIMEOUT);
        while (sensor.poll(Duration.ZERO, events::add) > 0) {
            // drain
        }
        assertThat(events).allSatisfy(event -> assertThat(event.tgid()).isEqualTo(child.pid()));
        return new ChildEvents(List.copyOf(events));
    }

    <T extends SensorEvent> List<T> of(Class<T> type) {
        return all.stream().filter(type::isInstance).map(type::cast).toList();
    }

    ConnectionEvent connectionTo(int port) {
        return of(ConnectionEvent.class).stream().filter(connection -> connection.remote().port() == port)
                .collect(single());
    }

    /** The bytes of a connection's syscall stream in one direction: every event, contiguous, none truncated. */
    byte[] syscallStream(long connId, Direction direction) {
        return concatenate(of(DataEvent.class).stream()
                .filter(event -> !event.tls() && event.connId() == connId && event.direction() == direction));
    }

    /** The TLS plaintext streams in one direction, by SSL object. */
    Map<Long, byte[]> tlsStreams(Direction direction) {
        Map<Long, List<DataEvent>> bySsl = new LinkedHashMap<>();
        of(DataEvent.class).stream().filter(event -> event.tls() && event.direction() == direction)
                .forEach(event -> bySsl.computeIfAbsent(event.sslPtr(), ssl -> new ArrayList<>()).add(event));
        Map<Long, byte[]> streams = new LinkedHashMap<>();
        bySsl.forEach((ssl, pieces) -> streams.put(ssl, concatenate(pieces.stream())));
        return streams;
    }

    /**
     * The connection an SSL object is bound to, from its TLS-bind events and the connection ids its data events
     * carry; they must agree.
     */
    long boundConnection(long ssl) {
        Map<Long, Long> bindings = new HashMap<>();
        of(TlsBindEvent.class).stream().filter(bind -> bind.sslPtr() == ssl)
                .forEach(bind -> bindings.put(bind.sslPtr(), bind.connId()));
        Set<Long> carried = Set.copyOf(of(DataEvent.class).stream()
                .filter(event -> event.tls() && event.sslPtr() == ssl && event.connId() != 0)
                .map(DataEvent::connId).toList());
        assertThat(carried).as("connection ids carried by the data of SSL object 0x%x", ssl).hasSizeLessThan(2);
        Long bound = bindings.get(ssl);
        if (bound != null) {
            assertThat(carried).isSubsetOf(bound);
            return bound;
        }
        assertThat(carried).as("SSL object 0x%x is bound to a connection", ssl).hasSize(1);
        return carried.iterator().next();
    }

    static byte[] concatenate(Stream<DataEvent> pieces) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long next = 0;
        for (DataEvent piece : pieces.sorted(Comparator.comparingLong(DataEvent::offset)).toList()) {
            assertThat(piece.offset()).as("offset of %s (no gap, no overlap)", piece).isEqualTo(next);
            assertThat(piece.truncated()).as("%s truncated", piece).isFalse();
            bytes.writeBytes(piece.data());
            next = piece.endOffset();
        }
        return bytes.toByteArray();
    }

    /** No loss counter moved, and events were sent. */
    static void assertNothingLost(SensorProgram sensor) {
        Map<SensorCounter, Long> counters = sensor.counters();
        assertThat(counters).allSatisfy((counter, value) -> {
            if (counter.countsLoss()) {
                assertThat(value).as(counter.name()).isZero();
            }
        });
        assertThat(counters.get(SensorCounter.EVENTS_SENT)).isPositive();
    }

    /** Collects the one element of a stream, failing the test if there are none or several. */
    static <T> Collector<T, ?, T> single() {
        return Collectors.collectingAndThen(Collectors.toList(), ChildEvents::single);
    }

    static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
