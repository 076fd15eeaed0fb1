package io.perimeter.sensor.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Decides where the TLS programs of one file are attached.
 *
 * <p>A uprobe replaces the first byte of an instruction with a breakpoint. When the breakpoint is hit, the kernel
 * must execute the instruction it replaced: x86-64 kernels emulate a few kinds ({@code push} of a register, jumps
 * and calls, {@code nop}) and single-step all others out of line, which costs a second exception. In Debian's and
 * Ubuntu's {@code libssl.so.3}, {@code SSL_read}, {@code SSL_write} and their {@code _ex} forms all begin with
 * {@code sub $n,%rsp}: in a virtual machine every probed call then costs tens of microseconds instead of about one
 * ({@code scripts/bench-sensor --breakdown}, docs/benchmarks.md).
 *
 * <p>Those four are thin wrappers. {@code SSL_read_ex} is {@code sub $n,%rsp; call ssl_read_internal; ...}, and
 * {@code SSL_read} calls the same function. Because the {@code sub} leaves the argument registers alone, the callee
 * receives exactly {@code SSL_read_ex}'s arguments ({@code ssl, buf, num, size_t *readbytes}) and returns what
 * {@code SSL_read_ex} returns but for negative values, which are failures either way. So when
 * <ol>
 *   <li>the file is x86-64,</li>
 *   <li>the {@code _ex} function's first two instructions are {@code sub $imm8,%rsp} and a direct {@code call},</li>
 *   <li>the plain function calls (or jumps to) the same target, and</li>
 *   <li>that target begins with a {@code push} of a register, which the kernel emulates,</li>
 * </ol>
 * the {@code _ex} programs are attached to the target, once for both forms, and the exported functions are not
 * probed. Anything else, including a plain function that reaches the target some other way, keeps the probes on
 * the exported functions, as {@link TlsProbePlacement#EXPORTED} always does. No structure offsets are read and
 * nothing depends on an OpenSSL version: only the wrappers' own code decides.
 */
final class TlsProbeSites {

    /**
     * A pair of programs and where they go: an exported function by name, or (with no {@code function}) the code at
     * {@code fileOffset} of the file.
     *
     * @param fileOffset where the probed instruction lies in the file; -1 if unknown (a file that could not be read)
     * @param covers     the exported functions whose calls this site sees
     * @param required   whether the file must have the site (a missing optional {@code _ex} form is skipped)
     */
    record Site(String entryProgram, String returnProgram, String function, long fileOffset, List<String> covers,
            boolean required) {

        boolean byOffset() {
            return function == null;
        }

        String describe() {
            return byOffset() ? String.join("+", covers) + "@callee:0x" + Long.toHexString(fileOffset) : function;
        }
    }

    /** One direction's exported pair and its programs. */
    private record Pair(String plain, String plainEntry, String plainReturn, String ex, String exEntry, String exReturn) {}

    private static final List<Pair> PAIRS = List.of(
            new Pair("SSL_write", "ssl_write_entry", "ssl_write_return", "SSL_write_ex", "ssl_write_ex_entry",
                    "ssl_write_ex_return"),
            new Pair("SSL_read", "ssl_read_entry", "ssl_read_return", "SSL_read_ex", "ssl_read_ex_entry",
                    "ssl_read_ex_return"));

    static final Set<String> EXPORTED = Set.of("SSL_write", "SSL_read", "SSL_write_ex", "SSL_read_ex");

    /** The longest plain wrapper searched for the call to the callee. */
    private static final int MAX_WRAPPER_BYTES = 4096;

    private TlsProbeSites() {}

    /**
     * @param elf the file, or null if it could not be read as ELF (then the exported functions are probed by name,
     *            and libbpf reports what is missing)
     */
    static List<Site> of(ElfImage elf, TlsProbePlacement placement) {
        Map<String, ElfImage.Function> exports = elf == null ? Map.of() : elf.exportedFunctions(EXPORTED);
        List<Site> sites = new ArrayList<>();
        for (Pair pair : PAIRS) {
            OptionalLong callee = placement == TlsProbePlacement.AUTO && elf != null
                    ? sharedCallee(elf, exports.get(pair.plain()), exports.get(pair.ex()))
                    : OptionalLong.empty();
            if (callee.isPresent()) {
                sites.add(new Site(pair.exEntry(), pair.exReturn(), null, callee.getAsLong(),
                        List.of(pair.plain(), pair.ex()), true));
            } else {
                sites.add(new Site(pair.plainEntry(), pair.plainReturn(), pair.plain(), offset(elf, exports.get(pair.plain())),
                        List.of(pair.plain()), true));
                sites.add(new Site(pair.exEntry(), pair.exReturn(), pair.ex(), offset(elf, exports.get(pair.ex())),
                        List.of(pair.ex()), false));
            }
        }
        return sites;
    }

    private static long offset(ElfImage elf, ElfImage.Function function) {
        return elf == null || function == null ? -1 : elf.codeOffset(function.address()).orElse(-1);
    }

    /** The file offset of the function both wrappers call, when probing it is sound and cheaper; see the class. */
    static OptionalLong sharedCallee(ElfImage elf, ElfImage.Function plain, ElfImage.Function ex) {
        if (elf.machine() != ElfImage.EM_X86_64 || plain == null || ex == null) {
            return OptionalLong.empty();
        }
        if (emulated(elf.code(plain.address(), 2)) && emulated(elf.code(ex.address(), 2))) {
            return OptionalLong.empty(); // the exported functions trap cheaply already (Node.js keeps frame pointers)
        }
        byte[] head = elf.code(ex.address(), 9);
        // 48 83 ec ib: sub $imm8,%rsp; e8 rel32: call
        if (head.length < 9 || (head[0] & 0xff) != 0x48 || (head[1] & 0xff) != 0x83 || (head[2] & 0xff) != 0xec
                || (head[4] & 0xff) != 0xe8) {
            return OptionalLong.empty();
        }
        long target = ex.address() + 9 + rel32(head, 5);
        if (!reaches(elf.code(plain.address(), (int) Math.clamp(plain.size(), 0, MAX_WRAPPER_BYTES)), plain.address(),
                target) || !emulated(elf.code(target, 2))) {
            return OptionalLong.empty();
        }
        return elf.codeOffset(target);
    }

    /** Whether the code holds a direct call or jump ({@code e8}/{@code e9} rel32) to {@code target}. */
    static boolean reaches(byte[] code, long address, long target) {
        for (int i = 0; i + 5 <= code.length; i++) {
            int opcode = code[i] & 0xff;
            if ((opcode == 0xe8 || opcode == 0xe9) && address + i + 5 + rel32(code, i + 1) == target) {
                return true;
            }
        }
        return false;
    }

    /** Whether an instruction starting with these bytes is a {@code push} of a register (with REX.B for r8–r15). */
    static boolean emulated(byte[] code) {
        if (code.length >= 1 && (code[0] & 0xf8) == 0x50) {
            return true;
        }
        return code.length >= 2 && (code[0] & 0xff) == 0x41 && (code[1] & 0xf8) == 0x50;
    }

    private static int rel32(byte[] code, int at) {
        return (code[at] & 0xff) | (code[at + 1] & 0xff) << 8 | (code[at + 2] & 0xff) << 16 | code[at + 3] << 24;
    }
}
