package io.perimeter.sensor.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** What the capture command refuses before it touches the kernel. */
class CaptureCommandTest {

    @Test
    void refusesARingBufferSizeThatIsNotAPowerOfTwo() {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = SensorMain.run(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8),
                "capture", "--ring-buffer-mib", "48");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(UTF_8)).contains("--ring-buffer-mib must be a power of two from 1 to 1024");
        assertThat(out.toString(UTF_8)).isEmpty();
    }
}
