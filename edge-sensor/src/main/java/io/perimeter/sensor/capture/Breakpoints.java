package io.perimeter.sensor.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Tells from a process's memory whether the kernel really set the breakpoints of a file's probes there.
 *
 * <p>An attached uprobe is a promise: the kernel writes an {@code int3} (byte {@code 0xcc}) over the probed
 * instruction in every mapping of the file. On this project's kernel (6.18) that write has been seen not to happen,
 * with the attach reported as a success, in about one start in four while another process allocated memory hard:
 * the probes then never fire and TLS traffic goes unseen, with no counter to say so. Reading the byte back through
 * {@code /proc/<pid>/mem} finds it. That needs the right to read the process's memory (root, or
 * {@code CAP_SYS_PTRACE}); without it the answer is {@link State#UNKNOWN}.
 */
final class Breakpoints {
    private static final byte INT3 = (byte) 0xcc;

    enum State {
        /** Every breakpoint is in place. */
        SET,
        /** At least one probed instruction is intact in the process: its probe does not fire there. */
        MISSING,
        /** Could not be read: the process exited, does not map the file, or its memory is not readable to us. */
        UNKNOWN
    }

    private Breakpoints() {}

    /**
     * @param proc        the proc file system, normally {@code /proc}
     * @param device      the file's device number ({@code st_dev})
     * @param inode       the file's inode number
     * @param fileOffsets where in the file the probed instructions lie
     */
    static State in(Path proc, int pid, long device, long inode, List<Long> fileOffsets) {
        if (fileOffsets.isEmpty()) {
            return State.UNKNOWN;
        }
        Path dir = proc.resolve(Integer.toString(pid));
        try (FileChannel memory = FileChannel.open(dir.resolve("mem"), StandardOpenOption.READ)) {
            List<String> maps = Files.readAllLines(dir.resolve("maps"));
            ByteBuffer one = ByteBuffer.allocate(1);
            for (long offset : fileOffsets) {
                long address = address(maps, device, inode, offset);
                if (address < 0) {
                    return State.UNKNOWN;
                }
                one.clear();
                if (memory.read(one, address) != 1) {
                    return State.UNKNOWN;
                }
                if (one.get(0) != INT3) {
                    return State.MISSING;
                }
            }
            return State.SET;
        } catch (IOException | SecurityException e) {
            return State.UNKNOWN;
        }
    }

    /**
     * The virtual address at which a process maps byte {@code offset} of the file, in an executable mapping; -1 if
     * none. A line of {@code maps}: {@code start-end perms offset major:minor inode path}, numbers in hex but the
     * inode.
     */
    static long address(List<String> maps, long device, long inode, long offset) {
        String dev = String.format("%02x:%02x", major(device), minor(device));
        for (String line : maps) {
            String[] fields = line.split("\\s+", 7);
            if (fields.length < 6 || fields[1].indexOf('x') < 0 || !fields[3].equals(dev)
                    || !fields[4].equals(Long.toString(inode))) {
                continue;
            }
            int dash = fields[0].indexOf('-');
            long start = Long.parseUnsignedLong(fields[0], 0, dash, 16);
            long end = Long.parseUnsignedLong(fields[0], dash + 1, fields[0].length(), 16);
            long mappedFrom = Long.parseUnsignedLong(fields[2], 16);
            if (offset >= mappedFrom && offset - mappedFrom < end - start) {
                return start + (offset - mappedFrom);
            }
        }
        return -1;
    }

    /** glibc's gnu_dev_major: how {@code st_dev} encodes the major number. */
    static long major(long device) {
        return ((device >>> 8) & 0xfff) | ((device >>> 32) & 0xfffff000L);
    }

    /** glibc's gnu_dev_minor. */
    static long minor(long device) {
        return (device & 0xff) | ((device >>> 12) & 0xffffff00L);
    }
}
