package io.perimeter.analyzer.edge;

import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.ApiCallJson;
import io.perimeter.sensor.har.HarReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/** Opens an offline source of calls by its file name: a HAR file, or the {@code capture} command's JSON lines. */
public final class CallSources {
    private CallSources() {}

    /**
     * @throws IllegalArgumentException naming the file and line for a line that is not a call
     */
    public static Stream<ApiCall> open(Path file, int bodyCap) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".har") || name.endsWith(".json")) {
            return new HarReader(bodyCap).read(file);
        }
        try {
            BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            int[] line = {0};
            return reader.lines()
                    .peek(l -> line[0]++)
                    .filter(l -> !l.isBlank())
                    .map(l -> {
                        try {
                            return ApiCallJson.read(l);
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(file + ": line " + line[0] + ": " + e.getMessage(), e);
                        }
                    })
                    .onClose(() -> {
                        try {
                            reader.close();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
