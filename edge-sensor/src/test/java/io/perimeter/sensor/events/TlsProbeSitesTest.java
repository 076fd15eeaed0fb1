package io.perimeter.sensor.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the TLS probes go, decided from the machine code of real files: this machine's libssl and node, and small
 * libraries assembled here with clang (installed by scripts/setup for the BPF build) in the shapes that must or must
 * not move the probes. Needs no privileges.
 */
class TlsProbeSitesTest {
    private static final Path LIBSSL = Path.of("/usr/lib/x86_64-linux-gnu/libssl.so.3");

    @TempDir
    Path dir;

    @Test
    void readsExportedFunctionsAndNotOtherFiles() throws IOException {
        ElfImage libssl = ElfImage.read(LIBSSL).orElseThrow();
        assertThat(libssl.exportedFunctions(java.util.Set.of("SSL_write", "SSL_read_ex", "SSL_nonexistent")))
                .containsOnlyKeys("SSL_write", "SSL_read_ex")
                .allSatisfy((name, function) -> assertThat(function.size()).isPositive());
        Path node = Path.of("/usr/bin/node").toRealPath();
        assertThat(ElfImage.read(node).orElseThrow().exportedFunctions(TlsProbeSites.EXPORTED))
                .containsOnlyKeys("SSL_write", "SSL_read", "SSL_write_ex", "SSL_read_ex");
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertThat(ElfImage.read(java).orElseThrow().exportedFunctions(TlsProbeSites.EXPORTED)).isEmpty();
        Path text = Files.writeString(dir.resolve("x"), "#!/bin/sh\necho hi\n".repeat(10));
        assertThat(ElfImage.read(text)).isEmpty();
    }

    @Test
    void debiansLibsslIsProbedInTheFunctionBothWrappersCall() throws IOException {
        ElfImage libssl = ElfImage.read(LIBSSL).orElseThrow();
        Map<String, ElfImage.Function> exports = libssl.exportedFunctions(TlsProbeSites.EXPORTED);
        // The premise: the exported functions begin with an instruction the kernel single-steps.
        assertThat(TlsProbeSites.emulated(libssl.code(exports.get("SSL_read").address(), 2))).isFalse();

        List<TlsProbeSites.Site> sites = TlsProbeSites.of(libssl, TlsProbePlacement.AUTO);

        assertThat(sites).extracting(TlsProbeSites.Site::covers)
                .containsExactly(List.of("SSL_write", "SSL_write_ex"), List.of("SSL_read", "SSL_read_ex"));
        assertThat(sites).allSatisfy(site -> {
            assertThat(site.byOffset()).isTrue();
            assertThat(site.entryProgram()).endsWith("_ex_entry");
            assertThat(site.returnProgram()).endsWith("_ex_return");
        });
        assertThat(sites.get(0).fileOffset()).isNotEqualTo(sites.get(1).fileOffset());
        assertThat(TlsProbeSites.of(libssl, TlsProbePlacement.EXPORTED)).extracting(TlsProbeSites.Site::function)
                .containsExactly("SSL_write", "SSL_write_ex", "SSL_read", "SSL_read_ex");
    }

    @Test
    void nodeKeepsItsExportedFunctionsWhichAlreadyTrapCheaply() throws IOException {
        ElfImage node = ElfImage.read(Path.of("/usr/bin/node").toRealPath()).orElseThrow();

        assertThat(TlsProbeSites.of(node, TlsProbePlacement.AUTO)).extracting(TlsProbeSites.Site::function)
                .containsExactly("SSL_write", "SSL_write_ex", "SSL_read", "SSL_read_ex");
    }

    @Test
    void movesOnlyWhenBothWrappersCallOneFunctionThatBeginsWithAPush() throws Exception {
        // What Debian's build looks like: both forms call the internal function, which begins with push %r13.
        String internal = "internal: push %r13\n pop %r13\n ret\n";
        String write = "SSL_write: ret\nSSL_write_ex: ret\n";
        Path good = library("good", write + "SSL_read_ex: sub $0x8,%rsp\n call internal\n add $0x8,%rsp\n ret\n"
                + "SSL_read: sub $0x18,%rsp\n lea 8(%rsp),%rcx\n call internal\n add $0x18,%rsp\n ret\n" + internal);
        TlsProbeSites.Site read = TlsProbeSites.of(ElfImage.read(good).orElseThrow(), TlsProbePlacement.AUTO).get(2);
        assertThat(read.covers()).containsExactly("SSL_read", "SSL_read_ex");
        assertThat(read.fileOffset()).isEqualTo(fileOffsetOf(good, "internal"));

        // SSL_read does not go through the callee: probing only the callee would miss its calls.
        assertExported(library("plain-elsewhere", write + "SSL_read_ex: sub $0x8,%rsp\n call internal\n add $0x8,%rsp\n"
                + " ret\nSSL_read: sub $0x18,%rsp\n call other\n add $0x18,%rsp\n ret\nother: push %rbx\n pop %rbx\n ret\n"
                + internal));
        // The callee begins with an instruction the kernel single-steps: nothing to gain.
        assertExported(library("callee-sub", write + "SSL_read_ex: sub $0x8,%rsp\n call inner\n add $0x8,%rsp\n ret\n"
                + "SSL_read: sub $0x18,%rsp\n call inner\n add $0x18,%rsp\n ret\ninner: sub $0x8,%rsp\n add $0x8,%rsp\n ret\n"));
        // The _ex form changes its arguments before the call: the callee's are not SSL_read_ex's.
        assertExported(library("args-changed", write + "SSL_read_ex: sub $0x8,%rsp\n mov %rcx,%r8\n call internal\n"
                + " add $0x8,%rsp\n ret\nSSL_read: sub $0x18,%rsp\n call internal\n add $0x18,%rsp\n ret\n" + internal));
        // Both exported forms already begin with a push.
        assertExported(library("frame-pointers", write + "SSL_read_ex: push %rbp\n call internal\n pop %rbp\n ret\n"
                + "SSL_read: push %rbp\n call internal\n pop %rbp\n ret\n" + internal));
    }

    @Test
    void recognisesPushesAndDirectCallsOnly() {
        assertThat(TlsProbeSites.emulated(new byte[] {0x55})).isTrue(); // push %rbp
        assertThat(TlsProbeSites.emulated(new byte[] {0x41, 0x57})).isTrue(); // push %r15
        assertThat(TlsProbeSites.emulated(new byte[] {0x48, (byte) 0x83, (byte) 0xec, 0x18})).isFalse(); // sub
        assertThat(TlsProbeSites.emulated(new byte[] {(byte) 0xf3, 0x0f, 0x1e, (byte) 0xfa})).isFalse(); // endbr64
        assertThat(TlsProbeSites.emulated(new byte[] {0x41, 0x5d})).isFalse(); // pop %r13
        assertThat(TlsProbeSites.emulated(new byte[0])).isFalse();
        // call rel32 from 0x1000 to 0x1000 + 5 + 0x20; jmp to the same; a call elsewhere
        byte[] call = {(byte) 0x90, (byte) 0xe8, 0x20, 0, 0, 0};
        assertThat(TlsProbeSites.reaches(call, 0x1000, 0x1001 + 5 + 0x20)).isTrue();
        byte[] jump = {(byte) 0xe9, (byte) 0xfb, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        assertThat(TlsProbeSites.reaches(jump, 0x1000, 0x1000)).isTrue();
        assertThat(TlsProbeSites.reaches(call, 0x1000, 0x2000)).isFalse();
        assertThat(TlsProbeSites.reaches(new byte[] {(byte) 0xe8, 0x20, 0}, 0x1000, 0x1025)).isFalse(); // cut short
    }

    private static void assertExported(Path library) throws IOException {
        assertThat(TlsProbeSites.of(ElfImage.read(library).orElseThrow(), TlsProbePlacement.AUTO))
                .extracting(TlsProbeSites.Site::function)
                .containsExactly("SSL_write", "SSL_write_ex", "SSL_read", "SSL_read_ex");
    }

    /** A shared library assembled from AT&T assembly; every label named SSL_* is an exported function. */
    private Path library(String name, String assembly) throws Exception {
        StringBuilder source = new StringBuilder(".text\n");
        for (String exported : List.of("SSL_write", "SSL_write_ex", "SSL_read", "SSL_read_ex")) {
            source.append(".globl ").append(exported).append("\n.type ").append(exported).append(",@function\n");
        }
        source.append(assembly);
        // 16 bytes hold each wrapper written here up to its call
        for (String exported : List.of("SSL_write", "SSL_write_ex", "SSL_read", "SSL_read_ex")) {
            source.append(".size ").append(exported).append(", 16\n");
        }
        Path s = Files.writeString(dir.resolve(name + ".s"), source);
        Path so = dir.resolve("lib" + name + ".so");
        run("clang", "-shared", "-nostdlib", "-o", so.toString(), s.toString());
        return so;
    }

    private static long fileOffsetOf(Path library, String symbol) throws Exception {
        ElfImage elf = ElfImage.read(library).orElseThrow();
        long address = Long.parseLong(run("llvm-nm", "--defined-only", library.toString()).lines()
                .filter(line -> line.endsWith(" " + symbol)).findFirst().orElseThrow().split(" ")[0], 16);
        return elf.codeOffset(address).orElseThrow();
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
        return output;
    }
}
