package io.perimeter.sensor.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.sensor.events.SensorProgram;
import io.perimeter.sensor.events.TlsProbePlacement;
import io.perimeter.sensor.events.TlsProbes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The breakpoint check against the real kernel: set while the probes are attached, gone once they are detached. */
@Tag("kernel")
class BreakpointsIT {

    @ParameterizedTest
    @EnumSource(TlsProbePlacement.class)
    void seesTheBreakpointsTheKernelSetsAndRemoves(TlsProbePlacement placement) throws Exception {
        // python3 maps the shared libssl once its ssl module is imported
        Process python = new ProcessBuilder("python3", "-c", "import ssl, sys; print('ready', flush=True); sys.stdin.read()")
                .start();
        try {
            assertThat(new BufferedReader(new InputStreamReader(python.getInputStream())).readLine()).isEqualTo("ready");
            TlsLibrary library = new TlsLibraryFinder().scan((int) python.pid()).stream()
                    .filter(found -> found.kind().equals("shared-libssl")).findFirst().orElseThrow();
            assertThat(library.pid()).isEqualTo(python.pid());

            try (SensorProgram program = SensorProgram.load(SensorProgram.Config.defaults().withFilterTgid(python.pid()))) {
                TlsProbes probes = program.attachTls(library.path(), placement);
                assertThat(probes.fileOffsets()).hasSize(placement == TlsProbePlacement.AUTO ? 2 : 4);

                assertThat(check(library, probes)).isEqualTo(Breakpoints.State.SET);
                probes.close();
                assertThat(check(library, probes)).isEqualTo(Breakpoints.State.MISSING);
            }
        } finally {
            python.destroy();
        }
    }

    private static Breakpoints.State check(TlsLibrary library, TlsProbes probes) {
        return Breakpoints.in(Path.of("/proc"), library.pid(), library.device(), library.inode(), probes.fileOffsets());
    }
}
