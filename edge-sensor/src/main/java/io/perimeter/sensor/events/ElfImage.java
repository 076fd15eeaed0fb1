package io.perimeter.sensor.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the sensor needs of an ELF64 little-endian file: the functions it exports in its dynamic symbol table
 * ({@code .dynsym}, the table uprobes are attached by name through), where their code lies in the file, and the
 * code itself. The file is mapped, and only the headers, the two tables and the code asked for are read, so a
 * 100 MB executable costs a few page reads.
 */
public final class ElfImage {
    /** {@code e_machine} of x86-64. */
    static final int EM_X86_64 = 62;
    private static final int SHT_DYNSYM = 11;
    private static final int STT_FUNC = 2;
    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;

    /** An exported function: its virtual address and size, as the symbol table gives them. */
    public record Function(String name, long address, long size) {}

    private record Segment(long address, long fileOffset, long fileSize, boolean executable) {}

    private final ByteBuffer elf;
    private final int machine;
    private final List<Segment> segments;

    private ElfImage(ByteBuffer elf, int machine, List<Segment> segments) {
        this.elf = elf;
        this.machine = machine;
        this.segments = segments;
    }

    /**
     * @return the file's image, or empty if it is not a little-endian ELF64 file with consistent headers
     * @throws IOException if the file cannot be read
     */
    public static Optional<ElfImage> read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 64 || size > Integer.MAX_VALUE) {
                return Optional.empty();
            }
            ByteBuffer elf = channel.map(FileChannel.MapMode.READ_ONLY, 0, size).order(ByteOrder.LITTLE_ENDIAN);
            if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) { // "\177ELF", ELFCLASS64, LSB
                return Optional.empty();
            }
            return Optional.of(new ElfImage(elf, Short.toUnsignedInt(elf.getShort(0x12)), segments(elf)));
        }
    }

    /** The file's {@code e_machine}, e.g. {@value #EM_X86_64} for x86-64. */
    int machine() {
        return machine;
    }

    /**
     * @return the functions of {@code wanted} that the file defines and exports, by name; empty if it has no dynamic
     *     symbols
     */
    public Map<String, Function> exportedFunctions(Set<String> wanted) {
        int shoff = (int) Math.min(elf.getLong(0x28), Integer.MAX_VALUE);
        int shentsize = Short.toUnsignedInt(elf.getShort(0x3a));
        int shnum = Short.toUnsignedInt(elf.getShort(0x3c));
        if (shoff <= 0 || shentsize < 64 || shoff + (long) shnum * shentsize > elf.capacity()) {
            return Map.of();
        }
        for (int i = 0; i < shnum; i++) {
            int header = shoff + i * shentsize;
            if (elf.getInt(header + 4) == SHT_DYNSYM) {
                int link = elf.getInt(header + 0x28);
                if (link < 0 || link >= shnum) {
                    return Map.of();
                }
                int strtab = shoff + link * shentsize;
                return scan(elf.getLong(header + 0x18), elf.getLong(header + 0x20), elf.getLong(header + 0x38),
                        elf.getLong(strtab + 0x18), elf.getLong(strtab + 0x20), wanted);
            }
        }
        return Map.of();
    }

    /** The file offset of the executable byte at virtual address {@code address}, if one of the loaded segments has it. */
    public OptionalLong codeOffset(long address) {
        for (Segment segment : segments) {
            if (segment.executable() && address >= segment.address() && address < segment.address() + segment.fileSize()) {
                return OptionalLong.of(segment.fileOffset() + (address - segment.address()));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * @return {@code length} bytes of code from virtual address {@code address}, or fewer where the executable segment
     *     that has it ends; empty if none has it
     */
    byte[] code(long address, int length) {
        for (Segment segment : segments) {
            if (segment.executable() && address >= segment.address() && address < segment.address() + segment.fileSize()) {
                int available = (int) Math.min(length, segment.address() + segment.fileSize() - address);
                byte[] bytes = new byte[available];
                elf.get((int) (segment.fileOffset() + (address - segment.address())), bytes);
                return bytes;
            }
        }
        return new byte[0];
    }

    private static List<Segment> segments(ByteBuffer elf) {
        long phoff = elf.getLong(0x20);
        int phentsize = Short.toUnsignedInt(elf.getShort(0x36));
        int phnum = Short.toUnsignedInt(elf.getShort(0x38));
        List<Segment> segments = new ArrayList<>();
        if (phoff <= 0 || phentsize < 56 || phoff + (long) phnum * phentsize > elf.capacity()) {
            return segments;
        }
        for (int i = 0; i < phnum; i++) {
            int header = (int) (phoff + (long) i * phentsize);
            long offset = elf.getLong(header + 0x08);
            long fileSize = elf.getLong(header + 0x20);
            if (elf.getInt(header) == PT_LOAD && offset >= 0 && fileSize >= 0 && offset + fileSize <= elf.capacity()) {
                segments.add(new Segment(elf.getLong(header + 0x10), offset, fileSize, (elf.getInt(header + 4) & PF_X) != 0));
            }
        }
        return segments;
    }

    private Map<String, Function> scan(long symOffset, long symSize, long entSize, long strOffset, long strSize,
            Set<String> wanted) {
        Map<String, Function> found = new HashMap<>();
        if (entSize < 24 || symOffset < 0 || strOffset < 0 || symOffset + symSize > elf.capacity()
                || strOffset + strSize > elf.capacity()) {
            return found;
        }
        int longest = wanted.stream().mapToInt(String::length).max().orElse(0);
        byte[] name = new byte[longest + 1];
        for (long sym = symOffset; sym + entSize <= symOffset + symSize; sym += entSize) {
            int nameIndex = elf.getInt((int) sym);
            int type = elf.get((int) sym + 4) & 0xf;
            int section = Short.toUnsignedInt(elf.getShort((int) sym + 6));
            if (type != STT_FUNC || section == 0 || nameIndex <= 0 || nameIndex >= strSize) {
                continue; // not a function, or undefined (imported from another library)
            }
            int length = 0;
            long at = strOffset + nameIndex;
            while (length <= longest && at + length < strOffset + strSize && elf.get((int) (at + length)) != 0) {
                name[length] = elf.get((int) (at + length));
                length++;
            }
            if (length <= longest) {
                String symbol = new String(name, 0, length, StandardCharsets.US_ASCII);
                if (wanted.contains(symbol)) {
                    found.put(symbol, new Function(symbol, elf.getLong((int) sym + 8), elf.getLong((int) sym + 16)));
                }
            }
        }
        return found;
    }
}
