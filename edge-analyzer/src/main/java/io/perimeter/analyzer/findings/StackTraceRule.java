package io.perimeter.analyzer.findings;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API8-STACK-TRACE: an answer body (any status) holds a stack trace: Java/Kotlin/Scala frames
 * ({@code at com.x.Y.m(Y.java:42)}), a Python traceback header, .NET frames ({@code at X.Y() in F.cs:line 42}),
 * Node.js frames ({@code at f (/app/x.js:10:5)}), PHP errors with file and line or a PHP stack trace, a Go panic
 * ({@code goroutine 1 [running]:}) or Ruby frames ({@code x.rb:42:in `m'}). One pattern per language, anchored on
 * file-and-line shapes, so prose that mentions "exception" does not count. A fact per language says which; the
 * {@code serverError} fact says the answer was 5xx.
 */
final class StackTraceRule implements Rule {
    // (?:^|\s|\\[nt]|") allows frames inside JSON strings, where line breaks are the two characters \n
    private static final String LINE_START = "(?:^|[\\s\"]|\\\\[nrt])";
    private static final Pattern JAVA = Pattern.compile(LINE_START
            + "at [A-Za-z_$][\\w$]*(?:\\.[\\w$<>]+)+\\((?:[\\w$]+\\.(?:java|kt|scala|groovy):\\d+|Native Method|Unknown Source)\\)");
    private static final Pattern DOTNET = Pattern.compile(LINE_START + "at [\\w.`<>\\[\\],]+\\([^)\\n]{0,200}\\) in [^\\n\"]{1,300}:line \\d+");
    private static final Pattern NODE = Pattern.compile(LINE_START
            + "at (?:[\\w$.<>\\[\\] ]{1,200} \\()?(?:/|node:|file://)[^\\s()\"]{0,300}\\.(?:js|mjs|cjs|ts):\\d+:\\d+\\)?");
    // PHP: an error heading, then within the next few hundred characters "file.php on line N" (checked in a window, so
    // an answer full of headings costs a bounded amount of work); or a PHP stack trace's first frame
    private static final Pattern PHP_HEADING = Pattern.compile("(?:Fatal error|Parse error|Warning|Notice|Uncaught [\\w\\\\]{1,100})(?:</b>)?:");
    private static final Pattern PHP_LINE = Pattern.compile("\\.php(?:</b>)? on line (?:<b>)?\\d");
    private static final Pattern PHP_STACK = Pattern.compile("Stack trace:(?:\\s|\\\\n){1,4}#0 ");
    private static final int PHP_WINDOW = 800;
    private static final int MAX_HEADINGS = 32;
    private static final Pattern GO = Pattern.compile("goroutine \\d+ \\[running\\]:");
    private static final Pattern RUBY = Pattern.compile("\\.rb:\\d+:in [`'][^'\\s]{1,200}'");

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API8_STACK_TRACE);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound()) {
            return;
        }
        String text = call.responseText();
        if (text.length() < 20) {
            return;
        }
        boolean java = (text.contains(".java:") || text.contains(".kt:") || text.contains(".scala:")
                || text.contains("Native Method") || text.contains("Unknown Source")) && JAVA.matcher(text).find();
        boolean python = text.contains("Traceback (most recent call last):");
        boolean dotnet = text.contains(":line ") && DOTNET.matcher(text).find();
        boolean node = (text.contains(".js:") || text.contains(".ts:") || text.contains("node:")) && NODE.matcher(text).find();
        boolean php = (text.contains(".php") || text.contains("Stack trace:")) && php(text);
        boolean go = text.contains("goroutine ") && GO.matcher(text).find();
        boolean ruby = text.contains(".rb:") && RUBY.matcher(text).find();
        if (!(java || python || dotnet || node || php || go || ruby)) {
            return;
        }
        Evidence evidence = Evidence.at(EvidenceLocation.RESPONSE_BODY).withFact("serverError", call.status() >= 500);
        evidence = flag(evidence, "java", java);
        evidence = flag(evidence, "python", python);
        evidence = flag(evidence, "dotnet", dotnet);
        evidence = flag(evidence, "node", node);
        evidence = flag(evidence, "php", php);
        evidence = flag(evidence, "go", go);
        evidence = flag(evidence, "ruby", ruby);
        sink.report(Occurrence.of(RuleId.API8_STACK_TRACE, call, evidence));
    }

    private static boolean php(String text) {
        if (text.contains("Stack trace:") && PHP_STACK.matcher(text).find()) {
            return true;
        }
        Matcher heading = PHP_HEADING.matcher(text);
        for (int n = 0; n < MAX_HEADINGS && heading.find(); n++) {
            int end = Math.min(text.length(), heading.end() + PHP_WINDOW);
            if (PHP_LINE.matcher(text).region(heading.end(), end).find()) {
                return true;
            }
        }
        return false;
    }

    private static Evidence flag(Evidence evidence, String language, boolean found) {
        return found ? evidence.withFact(language, true) : evidence;
    }
}
