package io.perimeter.analyzer.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pass over the colons of an answer finds the words that a search for each word finds. */
class StackTraceMarksTest {

    /** The words each pattern needs, each searched on its own: what {@link StackTraceRule#marks} replaces. */
    private static int searched(String text) {
        int marks = 0;
        if (text.contains(".java:") || text.contains(".kt:") || text.contains(".scala:") || text.contains("Native Method")
                || text.contains("Unknown Source")) {
            marks |= StackTraceRule.JAVA_MARK;
        }
        if (text.contains("Traceback (most recent call last):")) {
            marks |= StackTraceRule.PYTHON_MARK;
        }
        if (text.contains(":line ")) {
            marks |= StackTraceRule.DOTNET_MARK;
        }
        if (text.contains(".js:") || text.contains(".ts:") || text.contains("node:")) {
            marks |= StackTraceRule.NODE_MARK;
        }
        if (text.contains(".php") || text.contains("Stack trace:")) {
            marks |= StackTraceRule.PHP_MARK;
        }
        if (text.contains(".rb:")) {
            marks |= StackTraceRule.RUBY_MARK;
        }
        return marks;
    }

    @Test
    void marksAreTheWordsFoundOneByOne() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "java.lang.NullPointerException: boom\n\tat com.shop.orders.OrderService.load(OrderService.java:42)",
                "at kotlinx.coroutines.Dispatch.run(Dispatch.kt:7)", "at scala.Option.get(Option.scala:529)",
                "at sun.misc.Unsafe.park(Native Method)", "at x.Y.z(Unknown Source)",
                "Traceback (most recent call last):\n  File \"/app/views.py\", line 12",
                "at Shop.Api.Get(Int32 id) in C:\\src\\Shop\\OrdersController.cs:line 42",
                "at Object.handler (/srv/app/routes/items.js:10:5)", "at f (/app/src/a.ts:3:1)", "at node:internal/main:1:1",
                "in <b>/var/www/html/index.php</b> on line <b>12</b>", "Stack trace:\n#0 {main}",
                "app/controllers/users_controller.rb:14:in `show'", "goroutine 1 [running]:",
                ":line at the start", "ends with .rb:", ".java:", "node:", "Stack trace", "Traceback (most recent call last)",
                "{\"a\":\"b\",\"c\":1,\"d\":[\"x.js\",\"y.ts\"],\"e\":\"node\",\"f\":\"line 4\",\"g\":\"index.php5\"}",
                "{\"text\": \"If an exception occurs at checkout, retry. See Main.java for details at line 4.\"}", "", ":", "::"));
        for (String line : Files.readAllLines(Path.of("src/test/resources/classification/corpus.jsonl"))) {
            texts.add(line);
        }
        assertThat(texts.stream().filter(t -> searched(t) != 0)).hasSizeGreaterThan(15);
        for (String text : texts) {
            assertThat(StackTraceRule.marks(text)).as(text).isEqualTo(searched(text));
        }
    }
}
