package io.perimeter.analyzer.findings;

import java.nio.charset.StandardCharsets;
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
    private static final String PYTHON_HEADER = "Traceback (most recent call last)";
    static final int JAVA_MARK = 1;
    static final int PYTHON_MARK = 1 << 1;
    static final int DOTNET_MARK = 1 << 2;
    static final int NODE_MARK = 1 << 3;
    static final int PHP_MARK = 1 << 4;
    static final int RUBY_MARK = 1 << 5;
    static final int GO_MARK = 1 << 6;
    static final int ALL_MARKS = (1 << 7) - 1;
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
        byte[] body = call.responseBytes();
        int marks = marks(body, Math.min(body.length, ObservedCall.MAX_BODY_CHARS * 2));
        if (marks == 0) {
            return; // no word any pattern needs: the answer's text is not built
        }
        String text = call.responseText();
        if (text.length() < 20) {
            return;
        }
        int found = languages(text, marks);
        if (found == 0) {
            return;
        }
        Evidence evidence = Evidence.at(EvidenceLocation.RESPONSE_BODY).withFact("serverError", call.status() >= 500);
        evidence = flag(evidence, "java", (found & JAVA_MARK) != 0);
        evidence = flag(evidence, "python", (found & PYTHON_MARK) != 0);
        evidence = flag(evidence, "dotnet", (found & DOTNET_MARK) != 0);
        evidence = flag(evidence, "node", (found & NODE_MARK) != 0);
        evidence = flag(evidence, "php", (found & PHP_MARK) != 0);
        evidence = flag(evidence, "go", (found & GO_MARK) != 0);
        evidence = flag(evidence, "ruby", (found & RUBY_MARK) != 0);
        sink.report(Occurrence.of(RuleId.API8_STACK_TRACE, call, evidence));
    }

    /**
     * The languages whose stack traces {@code text} holds (as marks), looking only for those of {@code marks}: with
     * {@link #marks} of the text the same answer as with every mark set, every pattern run.
     */
    static int languages(String text, int marks) {
        int found = 0;
        found |= (marks & JAVA_MARK) != 0 && JAVA.matcher(text).find() ? JAVA_MARK : 0;
        found |= (marks & PYTHON_MARK) != 0 && text.contains(PYTHON_HEADER + ":") ? PYTHON_MARK : 0;
        found |= (marks & DOTNET_MARK) != 0 && DOTNET.matcher(text).find() ? DOTNET_MARK : 0;
        found |= (marks & NODE_MARK) != 0 && NODE.matcher(text).find() ? NODE_MARK : 0;
        found |= (marks & PHP_MARK) != 0 && php(text) ? PHP_MARK : 0;
        found |= (marks & GO_MARK) != 0 && GO.matcher(text).find() ? GO_MARK : 0;
        found |= (marks & RUBY_MARK) != 0 && RUBY.matcher(text).find() ? RUBY_MARK : 0;
        return found;
    }

    /**
     * Which languages' words the first {@code length} bytes of an answer hold (UTF-8, so a word of ASCII characters in
     * the text is the same run of bytes), the necessary condition of each pattern: {@code .java:}, {@code .kt:},
     * {@code .scala:}, {@code .groovy:}, {@code (Native Method)} or {@code (Unknown Source)} (Java), the traceback header (Python),
     * {@code :line } (.NET), {@code .js:}, {@code .ts:} or {@code node:} (Node.js), {@code Stack trace:} or an error
     * heading ({@code error:}, {@code Warning:}, {@code Notice:}, {@code </b>:}, {@code Uncaught Class:}) for PHP,
     * {@code [running]:} (Go), {@code .rb:} (Ruby). Read before the answer is decoded (most answers hold none of the
     * words, and their text is then never built for this rule), through a one-byte-per-character view of the bytes,
     * whose searches are the JDK's vectorised ones; the words that end in a colon are found in one pass over the
     * colons, and Java's frames without a file in one pass over the opening parentheses.
     */
    static int marks(byte[] bytes, int length) {
        String text = new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        int marks = 0;
        for (int colon = text.indexOf(':'); colon >= 0; colon = text.indexOf(':', colon + 1)) {
            // JSON puts a quote before most colons: only the last character of a word leads to comparing it
            switch (colon > 0 ? text.charAt(colon - 1) : ' ') {
                case 'a' -> marks |= endsAt(text, colon, ".java") || endsAt(text, colon, ".scala") ? JAVA_MARK : 0;
                case 't' -> marks |= endsAt(text, colon, ".kt") ? JAVA_MARK : 0;
                case 's' -> marks |= endsAt(text, colon, ".js") || endsAt(text, colon, ".ts") ? NODE_MARK : 0;
                case 'e' -> marks |= endsAt(text, colon, "node") ? NODE_MARK
                        : endsAt(text, colon, "Stack trace") || endsAt(text, colon, "Notice") ? PHP_MARK : 0;
                case 'r' -> marks |= endsAt(text, colon, "error") ? PHP_MARK : 0;
                case 'g' -> marks |= endsAt(text, colon, "Warning") ? PHP_MARK : 0;
                case '>' -> marks |= endsAt(text, colon, "</b>") ? PHP_MARK : 0;
                case 'b' -> marks |= endsAt(text, colon, ".rb") ? RUBY_MARK : 0;
                case ']' -> marks |= endsAt(text, colon, "[running]") ? GO_MARK : 0;
                case ')' -> marks |= endsAt(text, colon, PYTHON_HEADER) ? PYTHON_MARK : 0;
                case 'y' -> marks |= endsAt(text, colon, ".groovy") ? JAVA_MARK : 0;
                default -> { }
            }
            if ((marks & PHP_MARK) == 0 && uncaughtEndsAt(text, colon)) {
                marks |= PHP_MARK;
            }
            if (colon + 1 < text.length() && text.charAt(colon + 1) == 'l' && text.startsWith("line ", colon + 1)) {
                marks |= DOTNET_MARK;
            }
        }
        for (int open = text.indexOf('('); open >= 0 && (marks & JAVA_MARK) == 0; open = text.indexOf('(', open + 1)) {
            if (text.startsWith("Native Method)", open + 1) || text.startsWith("Unknown Source)", open + 1)) {
                marks |= JAVA_MARK;
            }
        }
        return marks;
    }

    /** Whether {@code Uncaught } and a class name of word characters and {@code \} end right before {@code colon}. */
    private static boolean uncaughtEndsAt(String text, int colon) {
        int start = colon;
        while (start > 0 && colon - start < 100 && isClassNameCharacter(text.charAt(start - 1))) {
            start--;
        }
        return start < colon && endsAt(text, start, "Uncaught ");
    }

    private static boolean isClassNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '\\';
    }

    /** Whether {@code word} ends right before {@code end}. */
    private static boolean endsAt(String text, int end, String word) {
        return text.startsWith(word, end - word.length());
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
