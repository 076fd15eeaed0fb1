package io.perimeter.sensor.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads which functions an ELF64 file exports in its dynamic symbol table ({@code .dynsym}), the table uprobes
 * are attached by name through. Only the section headers and the two tables are touched, so a 100 MB executable
 * costs a few page reads.
 */
final class ElfExports {
    private static final int SHT_DYNSYM = 11;
    private static final int STT_FUNC = 2;

    private ElfExports() {}

    /**
     * @return the subset of {@code wanted} that the file defines as exported functions; empty for files that are
     *     not little-endian ELF64 or have no dynamic symbols
     */
    static Set<String> find(Path file, Set<String> wanted) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 64) {
                return Set.of();
            }
            MappedByteBuffer elf = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            elf.order(ByteOrder.LITTLE_ENDIAN);
            if (elf.getInt(0) != 0x464c457f || elf.get(4) != 2 || elf.get(5) != 1) { // "\177ELF", ELFCLASS64, LSB
                return Set.of();
            }
            long shoff = elf.getLong(0x28);
            int shentsize = Short.toUnsignedInt(elf.getShort(0x3a));
            int shnum = Short.toUnsignedInt(elf.getShort(0x3c));
            if (shoff <= 0 || shentsize < 64 || shoff + (long) shnum * shentsize > size) {
                return Set.of();
            }
            for (int i = 0; i < shnum; i++) {
                int header = (int) (shoff + (long) i * shentsize);
                if (elf.getInt(header + 4) == SHT_DYNSYM) {
                    int link = elf.getInt(header + 0x28);
                    int strtab = (int) (shoff + (long) link * shentsize);
                    return scan(elf, elf.getLong(header + 0x18), elf.getLong(header + 0x20), elf.getLong(header + 0x38),
                            elf.getLong(strtab + 0x18), elf.getLong(strtab + 0x20), wanted);
                }
            }
            return Set.of();
        }
    }

    private static Set<String> scan(ByteBuffer elf, long symOffset, long symSize, long entSize, long strOffset, long strSize,
            Set<String> wanted) {
        Set<String> found = new HashSet<>();
        if (entSize < 24 || symOffset + symSize > elf.capacity() || strOffset + strSize > elf.capacity()) {
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
                    found.add(symbol);
                }
            }
        }
        return found;
    }
}
