package io.perimeter.sensor.bpf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C compiler's view of bpf/include/perimeter_events.h, for the tests that compare it with the Java constants:
 * the header is compiled with clang into BTF, which bpftool prints. Needs the build's tools (clang, bpftool), not
 * root.
 */
public final class HeaderBtf {

    private static final Path HEADERS = Path.of("..", "bpf", "include");

    /** A BTF STRUCT: its size and the byte offset of each member. */
    public record Struct(long size, Map<String, Long> offsets) {}

    /** A BTF DATASEC entry: a global variable, where it sits in its section and its size. */
    public record Variable(String name, long offset, long size) {}

    private final Map<String, Struct> structs;
    private final Map<String, Map<String, Long>> enums;

    private HeaderBtf(String btf) {
        this.structs = structs(btf);
        this.enums = enums(btf);
    }

    /**
     * Compiles the header in {@code dir} with an instance of each struct and enum named, which makes clang emit
     * them into BTF.
     */
    public static HeaderBtf compile(Path dir, List<String> structNames, List<String> enumNames)
            throws IOException, InterruptedException {
        Path source = dir.resolve("layout.c");
        Path object = dir.resolve("layout.o");
        StringBuilder c = new StringBuilder("#include \"perimeter_events.h\"\n");
        structNames.forEach(name -> c.append("struct ").append(name).append(" struct_").append(name).append(";\n"));
        enumNames.forEach(name -> c.append("enum ").append(name).append(" enum_").append(name).append(";\n"));
        Files.writeString(source, c);
        run("clang", "-g", "-target", "bpf", "-Wpadded", "-Werror", "-I" + HEADERS.toAbsolutePath(),
                "-I/usr/include/" + multiarch(), "-c", source.toString(), "-o", object.toString());
        return new HeaderBtf(dump(object));
    }

    /** The raw BTF of an object file, as bpftool prints it. */
    public static String dump(Path object) throws IOException, InterruptedException {
        return run("bpftool", "btf", "dump", "file", object.toString(), "format", "raw");
    }

    public Struct struct(String name) {
        Struct struct = structs.get(name);
        assertThat(struct).as("struct %s in the header's BTF", name).isNotNull();
        return struct;
    }

    /** An enum's constants and their values, in declaration order. */
    public Map<String, Long> enumValues(String name) {
        Map<String, Long> values = enums.get(name);
        assertThat(values).as("enum %s in the header's BTF", name).isNotNull();
        return values;
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

    private static Map<String, Map<String, Long>> enums(String btf) {
        Pattern header = Pattern.compile("^\\[\\d+] ENUM '(\\w+)' .*$");
        Pattern constant = Pattern.compile("^\\s+'(\\w+)' val=(-?\\d+)$");
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        Map<String, Long> values = null;
        for (String line : btf.lines().toList()) {
            Matcher m;
            if ((m = header.matcher(line)).matches()) {
                values = new LinkedHashMap<>();
                result.put(m.group(1), values);
            } else if (values != null && (m = constant.matcher(line)).matches()) {
                values.put(m.group(1), Long.parseLong(m.group(2)));
            } else if (!line.startsWith("\t")) {
                values = null;
            }
        }
        return result;
    }

    /** The variables of a data section (e.g. {@code .rodata}) in an object's raw BTF. */
    public static List<Variable> dataSection(String btf, String section) {
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
