package io.perimeter.analyzer.findings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The words found in one pass over the bytes of an answer let through every stack trace: with them, the rule finds
 * the languages it finds running every pattern on every answer (texts with characters outside ASCII included).
 */
class StackTraceMarksTest {

    @Test
    void marksLeaveTheLanguagesFoundAsEveryPatternFindsThem() throws IOException {
        List<String> texts = new ArrayList<>(List.of(
                "java.lang.NullPointerException: boom\n\tat com.shop.orders.OrderService.load(OrderService.java:42)",
                "at kotlinx.coroutines.Dispatch.run(Dispatch.kt:7)", "at scala.Option.get(Option.scala:529)",
                "at sun.misc.Unsafe.park(Native Method)", "at x.Y.z(Unknown Source)",
                "Traceback (most recent call last):\n  File \"/app/views.py\", line 12",
                "at Shop.Api.Get(Int32 id) in C:\\src\\Shop\\OrdersController.cs:line 42",
                "at Object.handler (/srv/app/routes/items.js:10:5)", "at f (/app/src/a.ts:3:1)", "at node:internal/main:1:1",
                "in <b>/var/www/html/index.php</b> on line <b>12</b>", "Stack trace:\n#0 {main}",
                "app/controllers/users_controller.rb:14:in `show'", "goroutine 1 [running]:", "goroutine 7 [running]",
                "<b>Warning</b>:  include(x.php) in <b>/var/www/a.php</b> on line <b>3</b>", "Notice: x in /a/b.php on line 9",
                "Parse error: syntax error in /srv/x.php on line 2", "PHP Fatal error:  Uncaught Exception: boom in /a.php:3",
                "Uncaught App\\Err in /a.php on line 4", "x.php on line 5", "Fatal error in /a.php on line 3",
                "PHP Fatal error:  Uncaught TypeError: bad in /a.php on line 4", "Uncaught App\\Http\\NotFound</b>: in "
                        + "<b>/a.php</b> on line <b>4</b>", "Uncaught : in /a.php on line 4",
                "at org.shop.Job.run(Job.groovy:12)", "at x.Y.z(Native Method", "(Unknown Source)",
                "Müller: at café.Ünï.ß(Main.java:3) 日本", "Ошибка:line 4 in Ä.cs", "¿node:x? · tracé.js:1:2",
                ":line at the start", "ends with .rb:", ".java:", "node:", "Stack trace", "Traceback (most recent call last)",
                "{\"a\":\"b\",\"c\":1,\"d\":[\"x.js\",\"y.ts\"],\"e\":\"node\",\"f\":\"line 4\",\"g\":\"index.php5\"}",
                "{\"text\": \"If an exception occurs at checkout, retry. See Main.java for details at line 4.\"}", "", ":", "::"));
        for (String line : Files.readAllLines(Path.of("src/test/resources/classification/corpus.jsonl"))) {
            texts.add(line);
        }
        int traces = 0;
        for (String text : texts) {
            int everyPattern = StackTraceRule.languages(text, StackTraceRule.ALL_MARKS);
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            assertThat(StackTraceRule.languages(text, StackTraceRule.marks(utf8, utf8.length))).as(text).isEqualTo(everyPattern);
            traces += everyPattern == 0 ? 0 : 1;
        }
        assertThat(traces).isGreaterThan(10);
    }
}
