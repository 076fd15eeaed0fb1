package io.perimeter.sensor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.events.ElfImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading breakpoints back from a process: the maps arithmetic, and this JVM's own memory (no privileges needed). */
class BreakpointsTest {

    @Test
    void findsTheAddressOfAFileOffsetInTheExecutableMappingOfThatFile() {
        long device = (0xfdL << 8) | 0x01; // st_dev of 253:1 as glibc encodes it
        List<String> maps = List.of(
                "7f0000000000-7f0000035000 r--p 00000000 fd:01 4242    /usr/lib/x86_64-linux-gnu/libssl.so.3",
                "7f0000035000-7f00000a0000 r-xp 00035000 fd:01 4242    /usr/lib/x86_64-linux-gnu/libssl.so.3",
                "7f1000035000-7f10000a0000 r-xp 00035000 fd:02 4242    /other/device/same/inode.so",
                "7f2000000000-7f2000001000 rw-p 00000000 00:00 0");

        assertThat(Breakpoints.address(maps, device, 4242, 0x35290)).isEqualTo(0x7f0000035290L);
        assertThat(Breakpoints.address(maps, device, 4242, 0x10)).as("in a mapping that is not executable").isEqualTo(-1);
        assertThat(Breakpoints.address(maps, device, 4242, 0xa0000)).as("past the mapping").isEqualTo(-1);
        assertThat(Breakpoints.address(maps, device, 4243, 0x35290)).as("another inode").isEqualTo(-1);
        assertThat(Breakpoints.major((8L << 8) | 3)).isEqualTo(8);
        assertThat(Breakpoints.minor((8L << 8) | 3)).isEqualTo(3);
        assertThat(Breakpoints.major(0x1234_5678_9abcL)).isEqualTo(0x189a); // glibc: 12 bits above the minor's low 8,
        assertThat(Breakpoints.minor(0x1234_5678_9abcL)).isEqualTo(0x2345_67bcL); // the rest from the high word
    }

    @Test
    void readsTheInstructionBytesOfAMappedLibraryInALiveProcess() throws Exception {
        // This very JVM maps libjvm.so; the first instruction of JNI_CreateJavaVM carries no breakpoint.
        String line = Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("r-xp") && l.endsWith("/libjvm.so")).findFirst().orElseThrow();
        Path libjvm = Path.of(line.substring(line.indexOf('/')));
        long device = ((Number) Files.getAttribute(libjvm, "unix:dev")).longValue();
        long inode = ((Number) Files.getAttribute(libjvm, "unix:ino")).longValue();
        ElfImage elf = ElfImage.read(libjvm).orElseThrow();
        long entry = elf.codeOffset(elf.exportedFunctions(Set.of("JNI_CreateJavaVM")).get("JNI_CreateJavaVM").address())
                .orElseThrow();
        int pid = (int) ProcessHandle.current().pid();

        assertThat(Breakpoints.in(Path.of("/proc"), pid, device, inode, List.of(entry)))
                .isEqualTo(Breakpoints.State.MISSING);
        assertThat(Breakpoints.in(Path.of("/proc"), pid, device, inode + 1, List.of(entry)))
                .as("a file the process does not map").isEqualTo(Breakpoints.State.UNKNOWN);
        assertThat(Breakpoints.in(Path.of("/proc"), Integer.MAX_VALUE, device, inode, List.of(entry)))
                .as("no such process").isEqualTo(Breakpoints.State.UNKNOWN);
    }
}
