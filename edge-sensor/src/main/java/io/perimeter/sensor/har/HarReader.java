package io.perimeter.sensor.har;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.sensor.call.ApiCall;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Reads HAR 1.2 files (as browsers and proxies export them) into {@link ApiCall} records, one entry at a time,
 * so files larger than memory stream through. An offline source for users without root and for tests.
 *
 * <p>Not thread-safe. The stream owns the file: close it (try-with-resources) to release it.
 */
public final class HarReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    private final HarEntryMapper entryMapper;

    /** @param bodyCap bodies longer than this many bytes are cut and flagged as truncated */
    public HarReader(int bodyCap) {
        this.entryMapper = new HarEntryMapper(bodyCap);
    }

    /** Streams the calls of a HAR file, in file order. Malformed entries raise {@link HarFormatException}. */
    public Stream<ApiCall> read(Path file) {
        try {
            InputStream in = Files.newInputStream(file);
            return read(in, file.toString()).onClose(() -> closeQuietly(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open HAR file " + file, e);
        }
    }

    /** Streams the calls of a HAR document; {@code source} names it in error messages. Does not close {@code in}. */
    public Stream<ApiCall> read(InputStream in, String source) {
        try {
            JsonParser parser = MAPPER.createParser(in);
            seekEntries(parser, source);
            var entries = new EntryIterator(parser, source);
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(entries, Spliterator.ORDERED | Spliterator.NONNULL), false)
                    .onClose(() -> closeQuietly(parser));
        } catch (IOException e) {
            throw new HarFormatException(source + ": not a HAR document: " + e.getMessage(), e);
        }
    }

    /** Moves the parser to the first token inside {@code log.entries}. */
    private static void seekEntries(JsonParser parser, String source) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            throw new HarFormatException(source + ": a HAR document is a JSON object with a \"log\" member", null);
        }
        if (!enterField(parser, "log", JsonToken.START_OBJECT) || !enterField(parser, "entries", JsonToken.START_ARRAY)) {
            throw new HarFormatException(source + ": no log.entries array", null);
        }
    }

    /** Within the current object, skips to {@code name} and checks its value starts with {@code expected}. */
    private static boolean enterField(JsonParser parser, String name, JsonToken expected) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name)) {
                return value == expected;
            }
            parser.skipChildren();
        }
        return false;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing a read-only source cannot lose data
        }
    }

    private final class EntryIterator implements Iterator<ApiCall> {
        private final JsonParser parser;
        private final String source;
        private int index;
        private ApiCall next;
        private boolean done;

        EntryIterator(JsonParser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                advance();
            }
            return next != null;
        }

        @Override
        public ApiCall next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            ApiCall call = next;
            next = null;
            return call;
        }

        @Override
        public void forEachRemaining(Consumer<? super ApiCall> action) {
            while (hasNext()) {
                action.accept(next());
            }
        }

        private void advance() {
            try {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.END_ARRAY || token == null) {
                    done = true;
                    return;
                }
                JsonNode entry = parser.readValueAsTree();
                next = entryMapper.toCall(index, entry, source);
                index++;
            } catch (IOException e) {
                done = true;
                throw new HarFormatException(source + ": entry " + index + ": malformed JSON: " + e.getMessage(), e);
            }
        }
    }
}
