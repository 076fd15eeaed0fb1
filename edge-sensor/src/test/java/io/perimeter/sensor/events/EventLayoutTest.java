package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.perimeter.sensor.bpf.HeaderBtf;
import io.perimeter.sensor.bpf.PerimeterConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link EventLayout} and {@link SensorCounter} against bpf/include/perimeter_events.h as clang compiles it:
 * every capture event's size and member offsets, and every named value. Needs clang and bpftool, not root.
 */
class EventLayoutTest {

    private static final List<String> EVENTS = List.of("perimeter_data_event", "perimeter_conn_event",
            "perimeter_close_event", "perimeter_tls_bind_event", "perimeter_exec_event", "perimeter_exit_event");

    private static HeaderBtf header;

    @BeforeAll
    static void compileHeader(@TempDir Path dir) throws IOException, InterruptedException {
        header = HeaderBtf.compile(dir, EVENTS, List.of("perimeter_event_type", "perimeter_direction",
                "perimeter_source", "perimeter_role", "perimeter_counter"));
    }

    @Test
    void everyCaptureEventStartsWithTheSharedPrefix() {
        for (String event : EVENTS) {
            assertThat(header.struct(event).offsets().entrySet()).as(event).startsWith(
                    entry("type", (long) EventLayout.OFFSET_TYPE),
                    entry("tgid", (long) EventLayout.OFFSET_TGID),
                    entry("timestamp_ns", (long) EventLayout.OFFSET_TIMESTAMP));
        }
        assertThat(header.struct("perimeter_exit_event").size()).isEqualTo(EventLayout.PREFIX_SIZE);
    }

    @Test
    void dataEventMatchesTheHeader() {
        HeaderBtf.Struct data = header.struct("perimeter_data_event");

        assertThat(data.size()).isEqualTo(EventLayout.Data.SIZE);
        assertThat(data.offsets()).contains(
                entry("conn_id", (long) EventLayout.Data.OFFSET_CONN_ID),
                entry("ssl_ptr", (long) EventLayout.Data.OFFSET_SSL_PTR),
                entry("offset", (long) EventLayout.Data.OFFSET_OFFSET),
                entry("true_len", (long) EventLayout.Data.OFFSET_TRUE_LEN),
                entry("tid", (long) EventLayout.Data.OFFSET_TID),
                entry("fd", (long) EventLayout.Data.OFFSET_FD),
                entry("captured_len", (long) EventLayout.Data.OFFSET_CAPTURED_LEN),
                entry("direction", (long) EventLayout.Data.OFFSET_DIRECTION),
                entry("source", (long) EventLayout.Data.OFFSET_SOURCE),
                entry("flags", (long) EventLayout.Data.OFFSET_FLAGS),
                entry("comm", (long) EventLayout.Data.OFFSET_COMM));
        assertThat(data.size() - data.offsets().get("comm")).isEqualTo(EventLayout.COMM_LENGTH);
    }

    @Test
    void connEventMatchesTheHeader() {
        HeaderBtf.Struct conn = header.struct("perimeter_conn_event");

        assertThat(conn.size()).isEqualTo(EventLayout.Conn.SIZE);
        assertThat(conn.offsets()).contains(
                entry("conn_id", (long) EventLayout.Conn.OFFSET_CONN_ID),
                entry("fd", (long) EventLayout.Conn.OFFSET_FD),
                entry("family", (long) EventLayout.Conn.OFFSET_FAMILY),
                entry("role", (long) EventLayout.Conn.OFFSET_ROLE),
                entry("local_addr", (long) EventLayout.Conn.OFFSET_LOCAL_ADDR),
                entry("remote_addr", (long) EventLayout.Conn.OFFSET_REMOTE_ADDR),
                entry("local_port", (long) EventLayout.Conn.OFFSET_LOCAL_PORT),
                entry("remote_port", (long) EventLayout.Conn.OFFSET_REMOTE_PORT),
                entry("comm", (long) EventLayout.Conn.OFFSET_COMM));
        assertThat(conn.offsets().get("remote_addr") - conn.offsets().get("local_addr"))
                .isEqualTo(EventLayout.Conn.ADDR_LENGTH);
        assertThat(conn.size() - conn.offsets().get("comm")).isEqualTo(EventLayout.COMM_LENGTH);
    }

    @Test
    void closeTlsBindExecAndExitEventsMatchTheHeader() {
        HeaderBtf.Struct close = header.struct("perimeter_close_event");
        HeaderBtf.Struct bind = header.struct("perimeter_tls_bind_event");
        HeaderBtf.Struct exec = header.struct("perimeter_exec_event");

        assertThat(close.size()).isEqualTo(EventLayout.Close.SIZE);
        assertThat(close.offsets()).contains(
                entry("conn_id", (long) EventLayout.Close.OFFSET_CONN_ID),
                entry("fd", (long) EventLayout.Close.OFFSET_FD));
        assertThat(bind.size()).isEqualTo(EventLayout.TlsBind.SIZE);
        assertThat(bind.offsets()).contains(
                entry("conn_id", (long) EventLayout.TlsBind.OFFSET_CONN_ID),
                entry("ssl_ptr", (long) EventLayout.TlsBind.OFFSET_SSL_PTR),
                entry("fd", (long) EventLayout.TlsBind.OFFSET_FD));
        assertThat(exec.size()).isEqualTo(EventLayout.Exec.SIZE);
        assertThat(exec.offsets()).contains(entry("comm", (long) EventLayout.Exec.OFFSET_COMM));
        assertThat(exec.size() - exec.offsets().get("comm")).isEqualTo(EventLayout.COMM_LENGTH);
        assertThat(header.struct("perimeter_exit_event").size()).isEqualTo(EventLayout.Exit.SIZE);
    }

    @Test
    void namedValuesMatchTheHeader() {
        assertThat(header.enumValues("perimeter_event_type")).contains(
                entry("PERIMETER_EVENT_DATA", (long) EventLayout.TYPE_DATA),
                entry("PERIMETER_EVENT_CONN", (long) EventLayout.TYPE_CONN),
                entry("PERIMETER_EVENT_CLOSE", (long) EventLayout.TYPE_CLOSE),
                entry("PERIMETER_EVENT_TLS_BIND", (long) EventLayout.TYPE_TLS_BIND),
                entry("PERIMETER_EVENT_EXEC", (long) EventLayout.TYPE_EXEC),
                entry("PERIMETER_EVENT_EXIT", (long) EventLayout.TYPE_EXIT));
        assertThat(header.enumValues("perimeter_direction")).containsExactly(
                entry("PERIMETER_DIRECTION_EGRESS", (long) EventLayout.DIRECTION_EGRESS),
                entry("PERIMETER_DIRECTION_INGRESS", (long) EventLayout.DIRECTION_INGRESS));
        assertThat(header.enumValues("perimeter_source")).containsExactly(
                entry("PERIMETER_SOURCE_SYSCALL", (long) EventLayout.SOURCE_SYSCALL),
                entry("PERIMETER_SOURCE_TLS", (long) EventLayout.SOURCE_TLS));
        assertThat(header.enumValues("perimeter_role")).containsExactly(
                entry("PERIMETER_ROLE_UNKNOWN", (long) EventLayout.ROLE_UNKNOWN),
                entry("PERIMETER_ROLE_CLIENT", (long) EventLayout.ROLE_CLIENT),
                entry("PERIMETER_ROLE_SERVER", (long) EventLayout.ROLE_SERVER));
    }

    @Test
    void sensorCountersNameEveryCounterOfTheHeader() {
        Map<String, Long> expected = new LinkedHashMap<>();
        Arrays.stream(SensorCounter.values())
                .forEach(counter -> expected.put("PERIMETER_COUNTER_" + counter.name(), (long) counter.index()));
        expected.put("PERIMETER_COUNTER_COUNT", (long) SensorCounter.values().length);

        assertThat(header.enumValues("perimeter_counter")).containsExactlyEntriesOf(expected);
    }

    @Test
    void theChunkCeilingsMatchTheHeader() throws IOException {
        String text = Files.readString(Path.of("..", "bpf", "include", "perimeter_events.h"));

        assertThat(text).contains("#define PERIMETER_MAX_CHUNK " + EventLayout.MAX_CHUNK + "\n");
        assertThat(EventLayout.MAX_CHUNK).isEqualTo(PerimeterConfig.MAX_CHUNK_SIZE);
        assertThat(text).contains("#define PERIMETER_MAX_CHUNKS_PER_CALL " + PerimeterConfig.MAX_CHUNKS_PER_CALL + "\n");
    }
}
