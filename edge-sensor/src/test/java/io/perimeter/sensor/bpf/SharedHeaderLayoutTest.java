package io.perimeter.sensor.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the Java view of bpf/include/perimeter_events.h against the C compiler's (see {@link HeaderBtf}) for the
 * structs of this package; the capture events are checked by io.perimeter.sensor.events.EventLayoutTest. Needs the
 * build's tools (clang, bpftool), not root.
 */
class SharedHeaderLayoutTest {

    private static HeaderBtf header;

    @BeforeAll
    static void compileHeader(@TempDir Path dir) throws IOException, InterruptedException {
        header = HeaderBtf.compile(dir, List.of("perimeter_config", "perimeter_smoke_event"),
                List.of("perimeter_event_type"));
    }

    @Test
    void smokeEventOffsetsMatchTheHeader() {
        HeaderBtf.Struct event = header.struct("perimeter_smoke_event");

        assertThat(event.size()).isEqualTo(SmokeEvent.SIZE);
        assertThat(event.offsets()).contains(
                entry("type", (long) SmokeEvent.OFFSET_TYPE),
                entry("tgid", (long) SmokeEvent.OFFSET_TGID),
                entry("tid", (long) SmokeEvent.OFFSET_TID),
                entry("fd", (long) SmokeEvent.OFFSET_FD),
                entry("requested_len", (long) SmokeEvent.OFFSET_REQUESTED_LENGTH),
                entry("captured_len", (long) SmokeEvent.OFFSET_CAPTURED_LENGTH),
                entry("comm", (long) SmokeEvent.OFFSET_COMM),
                entry("data", (long) SmokeEvent.OFFSET_DATA));
        assertThat(event.offsets().get("data") - event.offsets().get("comm")).isEqualTo(SmokeEvent.COMM_LENGTH);
        assertThat(event.size() - event.offsets().get("data")).isEqualTo(SmokeEvent.CHUNK);
        assertThat(header.enumValues("perimeter_event_type"))
                .containsEntry("PERIMETER_EVENT_SMOKE_WRITE", (long) SmokeEvent.TYPE);
    }

    @Test
    void configOffsetsMatchTheHeader() {
        HeaderBtf.Struct config = header.struct("perimeter_config");

        assertThat(config.size()).isEqualTo(PerimeterConfig.SIZE);
        assertThat(config.offsets()).containsExactly(
                entry("target_tgid", (long) PerimeterConfig.OFFSET_TARGET_TGID),
                entry("self_tgid", (long) PerimeterConfig.OFFSET_SELF_TGID),
                entry("filter_tgid", (long) PerimeterConfig.OFFSET_FILTER_TGID),
                entry("chunk_size", (long) PerimeterConfig.OFFSET_CHUNK_SIZE),
                entry("max_chunks", (long) PerimeterConfig.OFFSET_MAX_CHUNKS),
                entry("wakeup_bytes", (long) PerimeterConfig.OFFSET_WAKEUP_BYTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {"smoke.bpf.o", "sensor.bpf.o"})
    void theConfigIsAllOfEachObjectsRodata(String object) throws Exception {
        Path packaged = Path.of(BpfObject.class.getResource(object).toURI());

        List<HeaderBtf.Variable> rodata = HeaderBtf.dataSection(HeaderBtf.dump(packaged), ".rodata");

        assertThat(rodata).containsExactly(new HeaderBtf.Variable("perimeter_config", 0, PerimeterConfig.SIZE));
    }

    @Test
    void writesTheConfigAtTheHeaderOffsets() {
        ByteBuffer bytes = ByteBuffer.wrap(new PerimeterConfig(1, 2, 3, 4096, 5, 6).toBytes()).order(ByteOrder.nativeOrder());

        assertThat(bytes.getInt(PerimeterConfig.OFFSET_TARGET_TGID)).isEqualTo(1);
        assertThat(bytes.getInt(PerimeterConfig.OFFSET_SELF_TGID)).isEqualTo(2);
        assertThat(bytes.getInt(PerimeterConfig.OFFSET_FILTER_TGID)).isEqualTo(3);
        assertThat(bytes.getInt(PerimeterConfig.OFFSET_CHUNK_SIZE)).isEqualTo(4096);
        assertThat(bytes.getInt(PerimeterConfig.OFFSET_MAX_CHUNKS)).isEqualTo(5);
        assertThat(bytes.getInt(PerimeterConfig.OFFSET_WAKEUP_BYTES)).isEqualTo(6);
    }

    @Test
    void decodesAnEventWrittenAtTheHeaderOffsets() {
        ByteBuffer record = ByteBuffer.allocate(SmokeEvent.SIZE).order(ByteOrder.nativeOrder())
                .putInt(SmokeEvent.OFFSET_TYPE, SmokeEvent.TYPE)
                .putInt(SmokeEvent.OFFSET_TGID, 42)
                .putInt(SmokeEvent.OFFSET_TID, 43)
                .putInt(SmokeEvent.OFFSET_FD, 7)
                .putLong(SmokeEvent.OFFSET_REQUESTED_LENGTH, 100)
                .putInt(SmokeEvent.OFFSET_CAPTURED_LENGTH, 5)
                .put(SmokeEvent.OFFSET_COMM, "curl\0junk".getBytes(StandardCharsets.US_ASCII))
                .put(SmokeEvent.OFFSET_DATA, "GET /".getBytes(StandardCharsets.US_ASCII));

        SmokeEvent event = SmokeEvent.decode(record.asReadOnlyBuffer().order(ByteOrder.nativeOrder()));

        assertThat(event).extracting(SmokeEvent::tgid, SmokeEvent::tid, SmokeEvent::fd, SmokeEvent::requestedLength,
                SmokeEvent::comm).containsExactly(42, 43, 7, 100L, "curl");
        assertThat(event.data()).asString(StandardCharsets.US_ASCII).isEqualTo("GET /");
        assertThat(event.truncated()).isTrue();
    }
}
