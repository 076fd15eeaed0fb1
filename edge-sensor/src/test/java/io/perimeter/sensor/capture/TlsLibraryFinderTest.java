package io.perimeter.sensor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs against this machine's real /proc and binaries; needs no privileges. */
class TlsLibraryFinderTest {

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
