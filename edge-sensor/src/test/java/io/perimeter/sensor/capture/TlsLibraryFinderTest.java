package io.perimeter.sensor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs against this machine's real /proc and binaries; needs no privileges. */
class TlsLibraryFinderTest {

    @Test
    void nodeExportsOpenSslAndTheJdkDoesNot() throws IOException {
        Path node = Path.of("/usr/bin/node").toRealPath();
        assertThat(ElfExports.find(node, TlsLibraryFinder.SSL_FUNCTIONS)).containsExactlyInAnyOrder("SSL_write", "SSL_read");
        Path java = Path.of(ProcessHandle.current().info().command().orElseThrow());
        assertThat(ElfExports.find(java, TlsLibraryFinder.SSL_FUNCTIONS)).isEmpty();
    }

    @Test
    void sharedLibsslExportsItsFunctions() throws IOException {
        Path libssl = Path.of("/usr/lib/x86_64-linux-gnu/libssl.so.3");
        assertThat(ElfExports.find(libssl, Set.of("SSL_write", "SSL_read_ex", "SSL_nonexistent")))
                .containsExactlyInAnyOrder("SSL_write", "SSL_read_ex");
    }

    @Test
    void notElfIsNoExports(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("x"), "#!/bin/sh\necho hi\n".repeat(10));
        assertThat(ElfExports.find(text, TlsLibraryFinder.SSL_FUNCTIONS)).isEmpty();
    }

    @Test
    void findsLibsslMappedByARunningProcessAndNodeAsAStaticCopy() throws Exception {
        // python3 maps libssl once the ssl module is imported; node carries its own OpenSSL.
        Process python = new ProcessBuilder("python3", "-c", "import ssl, sys; print('ready', flush=True); sys.stdin.read()").start();
        Process node = new ProcessBuilder("node", "-e", "console.log('ready'); process.stdin.resume()").start();
        try {
            assertThat(new String(python.getInputStream().readNBytes(5))).isEqualTo("ready");
            assertThat(new String(node.getInputStream().readNBytes(5))).isEqualTo("ready");
            var finder = new TlsLibraryFinder();

            List<TlsLibrary> fromPython = finder.scan((int) python.pid());
            List<TlsLibrary> fromNode = finder.scan((int) node.pid());

            assertThat(fromPython).anySatisfy(lib -> {
                assertThat(lib.kind()).isEqualTo("shared-libssl");
                assertThat(lib.path().getFileName().toString()).startsWith("libssl.so");
            });
            assertThat(fromNode).singleElement().satisfies(lib -> assertThat(lib.kind()).isEqualTo("static-openssl"));
            // One entry per file, however many processes map it.
            assertThat(finder.scanAll()).extracting(TlsLibrary::key).doesNotHaveDuplicates()
                    .contains(fromNode.getFirst().key(), fromPython.getFirst().key());
        } finally {
            python.destroy();
            node.destroy();
        }
    }
}
