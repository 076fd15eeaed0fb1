package io.perimeter.sensor.bpf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the Java view of bpf/include/perimeter_events.h against the C compiler's: the header is compiled with
 * clang into BTF, which bpftool prints. Needs the build's tools (clang, bpftool), not root.
 */
class SharedHeaderLayoutTest {

    private static final Path HEADERS = Path.of("..", "bpf", "include");

    /** A BTF STRUCT: its size and the byte offset of each member. */
    private record Struct(long size, Map<String, Long> offsets) {}

    /** A BTF DATASEC entry: a global variable, where it sits in its section and its size. */
    private record Variable(String name, long offset, long size) {}

    private static Map<String, Struct> structs;

    @BeforeAll
    static void compileHeader(@TempDir Path dir) throws IOException, InterruptedException {
        Path source = dir.resolve("layout.c");
        Path object = dir.resolve("layout.o");
        // Instances make clang emit the structs into BTF.
        Files.writeString(source, """
                #include "perimeter_events.h"
                struct perimeter_config config;
                struct perimeter_smoke_event smoke_event;
                """);
        run("clang", "-g", "-target", "bpf", "-Wpadded", "-Werror", "-I" + HEADERS.toAbsolutePath(),
                "-I/usr/include/" + multiarch(), "-c", source.toString(), "-o", object.toString());
        structs = structs(run("bpftool", "btf", "dump", "file", object.toString(), "format", "raw"));
    }

    @Test
    void smokeEventOffsetsMatchTheHeader() {
        Struct event = structs.get("perimeter_smoke_event");

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
    }

    @Test
    void configOffsetsMatchTheHeader() {
        Struct config = structs.get("perimeter_config");

        assertThat(config.size()).isEqualTo(PerimeterConfig.SIZE);
        assertThat(config.offsets()).containsExactly(entry("target_tgid", (long) PerimeterConfig.OFFSET_TARGET_TGID));
    }

    @Test
    void theConfigIsAllOfTheSmokeObjectsRodata() throws Exception {
        Path packaged = Path.of(BpfObject.class.getResource("smoke.bpf.o").toURI());

        List<Variable> rodata = dataSection(run("bpftool", "btf", "dump", "file", packaged.toString(), "format", "raw"),
                ".rodata");

        assertThat(rodata).containsExactly(new Variable("perimeter_config", 0, PerimeterConfig.SIZE));
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

    private static Map<String, Struct> structs(String btf) {
        Pattern header = Pattern.compile("^\\[\\d+] STRUCT '(\\w+)' size=(\\d+) vlen=\\d+$");
        Pattern member = Pattern.compile("^\\s+'(\\w+)' type_id=\\d+ bits_offset=(\\d+)$");
        Map<String, Struct> result = new LinkedHashMap<>();
        Map<String, Long> offsets = null;
        for (String line : btf.lines().toList()) {
            Matcher m;
            if ((m = header.matcher(line)).matches()) {
                offsets = new LinkedHashMap<>();
                result.put(m.group(1), new Struct(Long.parseLong(m.group(2)), offsets));
            } else if (offsets != null && (m = member.matcher(line)).matches()) {
                offsets.put(m.group(1), Long.parseLong(m.group(2)) / 8);
            } else if (!line.startsWith("\t")) {
                offsets = null;
            }
        }
        return result;
    }

    private static List<Variable> dataSection(String btf, String section) {
        Pattern header = Pattern.compile("^\\[\\d+] DATASEC '" + Pattern.quote(section) + "' .*$");
        Pattern variable = Pattern.compile("^\\s+type_id=\\d+ offset=(\\d+) size=(\\d+) \\(VAR '(\\w+)'\\)$");
        List<String> lines = btf.lines().toList();
        int start = lines.stream().filter(line -> header.matcher(line).matches()).findFirst().map(lines::indexOf)
                .orElseThrow(() -> new AssertionError("no " + section + " in the object's BTF"));
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(line -> line.startsWith("\t"))
                .map(variable::matcher)
                .filter(Matcher::matches)
                .map(m -> new Variable(m.group(3), Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                .toList();
    }

    private static String multiarch() {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64-linux-gnu";
            case "aarch64" -> "aarch64-linux-gnu";
            case String other -> throw new IllegalStateException("no multiarch include dir known for " + other);
        };
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s exit code; output:%n%s", command[0], output).isZero();
        return output;
    }
}
