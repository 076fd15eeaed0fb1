package io.perimeter.analyzer.findings;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cheap, precise patterns for attack payloads in one request value (a path, a query value, a body string, a header).
 * The value is percent-decoded up to twice more (double encoding), lower-cased, and SQL comments become spaces before
 * matching. Each pattern needs the syntax of an exploit, not just a suspicious word: an apostrophe in a name, a
 * {@code ..} inside a version string, "select" or "cat" in prose do not match. Thread-safe.
 */
final class AttackPatterns {
    /** Characters of a value that are examined at most. */
    static final int MAX_VALUE_CHARS = 4_096;

    /** Where a value came from: traversal and backtick rules depend on it. */
    enum Source { PATH, QUERY, BODY, HEADER }

    // --- SQL injection ---
    private static final Pattern SQL = Pattern.compile(String.join("|",
            // tautology right after a closing quote: ' or 1=1, ' or 'a'='a, " or ""=", ') or ('x')=('x
            "['\"]\\s*\\)?\\s*(?:or|and|\\|\\||&&)\\s*\\(?\\s*(?:'[^']{0,20}'?|\"[^\"]{0,20}\"?|\\d+|[a-z_][a-z0-9_.]{0,30})"
                    + "\\s*\\)?\\s*(?:=|<>|!=|<|>|\\blike\\b)\\s*\\(?\\s*['\"\\d]",
            // numeric tautology: 1 or 1=1
            "\\b(?:or|and)\\s+(\\d+)\\s*=\\s*\\1\\b",
            "\\bunion(?:\\s+(?:all|distinct))?\\s+select\\b",
            // a quote (or a number) closing the statement, then a comment or a new statement
            "['\"]\\s*\\)*\\s*(?:--(?:\\s|$)|#\\s*$)",
            ";\\s*--",
            "(?:['\"]|\\d)\\s*\\)*\\s*;\\s*(?:drop|truncate|alter|create|insert|update|delete|exec|execute|declare|shutdown|select)\\b",
            // time-based and database fingerprinting
            "\\b(?:sleep|pg_sleep)\\s*\\(\\s*\\d",
            "\\bbenchmark\\s*\\(\\s*\\d+\\s*,",
            "\\bwaitfor\\s+delay\\s+'",
            "\\binformation_schema\\b", "@@version\\b", "\\bxp_cmdshell\\b", "\\bload_file\\s*\\(",
            "\\binto\\s+(?:out|dump)file\\b", "\\b(?:extractvalue|updatexml)\\s*\\(", "\\bsqlite_master\\b"));

    // --- cross-site scripting ---
    private static final Pattern XSS = Pattern.compile(String.join("|",
            "<\\s*script\\b", "<\\s*/\\s*script\\s*>",
            // an event handler inside a tag: <img src=x onerror=...>, <svg/onload=...>
            "<[a-z][a-z0-9-]*\\b[^>]{0,200}?[\\s/\"']on[a-z]{3,20}\\s*=",
            // breaking out of an attribute into an event handler: " onmouseover="...
            "[\"']\\s*/?\\s*on(?:error|load|mouseover|mouseenter|focus|blur|click|animationstart|toggle|begin|pointerover)\\s*=",
            "\\b(?:javascript|vbscript)\\s*:(?!\\s)", "\\bdata\\s*:\\s*text/html", "document\\s*\\.\\s*cookie",
            "<\\s*iframe\\b[^>]{0,200}\\bsrc\\s*=\\s*['\"]?\\s*javascript"));

    // --- path traversal ---
    private static final Pattern CLIMB = Pattern.compile("(?:^|[/\\\\])\\.\\.(?:[/\\\\]|$)");
    private static final Pattern SENSITIVE_FILE = Pattern.compile(String.join("|",
            "/etc/(?:passwd|shadow|group|hosts|issue)\\b", "/proc/self/", "\\bboot\\.ini\\b", "\\bwin\\.ini\\b",
            "[a-z]:[/\\\\]windows[/\\\\]", "[/\\\\]windows[/\\\\]system32\\b", "\\bweb-inf[/\\\\]web\\.xml\\b",
            "\\.ssh[/\\\\](?:id_[a-z0-9]+|authorized_keys)\\b", "\\.\\.[/\\\\]\\.env\\b"));
    private static final Pattern ENCODED_DOTS = Pattern.compile("%(?:25)?2e%(?:25)?2e|\\.\\.%(?:25)?(?:2f|5c)|%c0%ae|%c0%af|\\.\\.%00",
            Pattern.CASE_INSENSITIVE);

    // --- command injection ---
    private static final String SEPARATOR = "(?:;|\\|\\|?|&&|&|\\n|\\$\\()\\s*";
    // The separator is factored out of the alternatives that follow it: one test per position instead of nine.
    private static final Pattern COMMAND = Pattern.compile(String.join("|",
            SEPARATOR + "(?:" + String.join("|",
                    "(?:cat|head|tail|more|less|rm|chmod|chown|cp|mv)\\s+(?:-\\S+\\s+)*[/~.$]",
                    "(?:id|whoami|pwd|ifconfig|ipconfig|hostname|uname(?:\\s+-[a-z]+)?|ls(?:\\s+-[a-z]+)?)\\s*(?:$|[;|&`)#\\n])",
                    "(?:wget|curl)\\s+(?:-\\S+\\s+)*(?:https?|ftp)://",
                    "(?:nc|ncat|netcat)\\s+(?:-\\S+\\s+)*[\\w.-]+\\s+\\d{2,5}\\b",
                    "(?:ba|z|da)?sh\\s+-[ci]\\b",
                    "(?:python[23]?|perl|ruby|php)\\s+-[cer]\\b",
                    "ping\\s+-[cn]\\s*\\d",
                    "sleep\\s+\\d+\\s*(?:$|[;|&`)#\\n])",
                    "(?:nslookup|dig)\\s+[\\w.-]+\\.[a-z]{2,}") + ")",
            "\\$\\(\\s*(?:cat|id|whoami|uname|curl|wget|sleep|ls|echo|nc|ping|nslookup|bash|sh)\\b",
            "\\$\\{ifs\\}", "\\bcmd(?:\\.exe)?\\s+/c\\s", "\\bpowershell(?:\\.exe)?\\s+-",
            // Shellshock
            "\\(\\s*\\)\\s*\\{\\s*:\\s*;\\s*\\}\\s*;"));
    /** Only outside bodies: scripts and Markdown legitimately hold shell paths and backticks. */
    private static final Pattern OUTSIDE_BODY_COMMAND = Pattern.compile(String.join("|",
            "`\\s*(?:id|whoami|uname|pwd|hostname|cat\\s|ls\\b|sleep\\s|curl\\s|wget\\s|ping\\s|nslookup\\s)[^`]{0,100}`",
            "/bin/(?:ba)?sh\\b"));
    private static final Pattern SQL_COMMENT = Pattern.compile("/\\*.*?\\*/");

    /** What may follow a {@code ;} in {@link #SQL}: a comment or a statement. */
    private static final String SQL_STATEMENT_SEPARATORS = ";";
    private static final String[] SQL_AFTER_SEPARATOR = {"--", "drop", "truncate", "alter", "create", "insert", "update",
        "delete", "exec", "declare", "shutdown", "select"};
    /** The separators of {@link #SEPARATOR} other than {@code $(}, and the start of every command named after it. */
    private static final String SHELL_SEPARATORS = ";|&\n";
    private static final String[] SHELL_COMMANDS = {"cat", "head", "tail", "more", "less", "rm", "chmod", "chown", "cp",
        "mv", "id", "whoami", "pwd", "ifconfig", "ipconfig", "hostname", "uname", "ls", "wget", "curl", "nc", "netcat",
        "sh", "bash", "zsh", "dash", "python", "perl", "ruby", "php", "ping", "sleep", "nslookup", "dig"};

    /** See {@link #worthLooking}. */
    private static final String[] SAFE_CHARACTER_WORDS = {"select", "information_schema", "@@version", "xp_cmdshell",
        "outfile", "dumpfile", "sqlite_master", "cookie", "boot.ini", "win.ini", "powershell"};

    private AttackPatterns() {}

    /** The attack rules whose patterns {@code value} (already decoded once) matches. */
    static Set<RuleId> detect(String value, Source source) {
        return detect(value, source, true);
    }

    /**
     * Like {@link #detect(String, Source)}; with {@code prefilters} false every regular expression runs on every value
     * (the reference the prefilters are tested against).
     */
    static Set<RuleId> detect(String value, Source source, boolean prefilters) {
        if (value.isEmpty()) {
            return Set.of();
        }
        String raw = value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
        if (prefilters && !worthLooking(raw)) {
            return Set.of();
        }
        String v = normalise(raw);
        int marks = prefilters ? Marks.of(v) : Marks.ALL;
        String sql = Marks.has(marks, Marks.SLASH) && v.indexOf("/*") >= 0 ? SQL_COMMENT.matcher(v).replaceAll(" ") : v;
        // a comment turned into a space removes characters: the marks of the text without it are a subset
        boolean sqlInjection = (!prefilters || mayBeSql(sql, marks)) && SQL.matcher(sql).find();
        boolean xss = (!prefilters || mayBeScript(v, marks)) && XSS.matcher(v).find();
        boolean traversal = traversal(raw, v, marks, source, prefilters);
        boolean command = (!prefilters || mayBeCommand(v, marks)) && COMMAND.matcher(v).find()
                || source != Source.BODY && (!prefilters || Marks.has(marks, Marks.BACKTICK)
                        || Marks.has(marks, Marks.SLASH) && v.contains("/bin/"))
                        && OUTSIDE_BODY_COMMAND.matcher(v).find();
        if (!(sqlInjection || xss || traversal || command)) {
            return Set.of(); // the usual answer: no set to build
        }
        Set<RuleId> found = EnumSet.noneOf(RuleId.class);
        if (sqlInjection) {
            found.add(RuleId.ATTACK_SQL_INJECTION);
        }
        if (xss) {
            found.add(RuleId.ATTACK_XSS);
        }
        if (traversal) {
            found.add(RuleId.ATTACK_PATH_TRAVERSAL);
        }
        if (command) {
            found.add(RuleId.ATTACK_COMMAND_INJECTION);
        }
        return found;
    }

    // Prefilters: each is a condition that every alternative of its pattern needs (a character or a word), so that
    // the common value (a timestamp, a URL, a User-Agent) skips the regular expression without changing its answer.

    /** A word every {@link #SENSITIVE_FILE} alternative needs (a User-Agent names Windows, not its directory). */
    private static boolean mayNameSensitiveFile(String v) {
        return v.contains("/etc/") || v.contains("/proc/self/") || v.contains("boot.ini") || v.contains("win.ini")
                || v.contains("windows/") || v.contains("windows\\") || v.contains("web-inf") || v.contains(".ssh")
                || v.contains(".env");
    }

    /**
     * A quote (tautologies, comments and stacked statements after a string), an {@code =} with an {@code or} or
     * {@code and} before whitespace (numeric tautology), a {@code ;} before {@code --} or a statement keyword, or one of
     * the keywords ({@code outfile} and {@code dumpfile} for {@code into outfile}).
     */
    private static boolean mayBeSql(String v, int marks) {
        return Marks.has(marks, Marks.QUOTE)
                || Marks.has(marks, Marks.EQUALS) && (beforeSpace(v, "or") || beforeSpace(v, "and"))
                || Marks.has(marks, Marks.SEMICOLON) && followedByWord(v, SQL_STATEMENT_SEPARATORS, SQL_AFTER_SEPARATOR)
                || v.contains("union") || v.contains("sleep") || v.contains("benchmark") || v.contains("waitfor")
                || v.contains("outfile") || v.contains("dumpfile") || v.contains("extractvalue") || v.contains("updatexml")
                || Marks.has(marks, Marks.AT) && v.contains("@@version")
                || Marks.has(marks, Marks.UNDERSCORE) && (v.contains("information_schema") || v.contains("xp_cmdshell")
                        || v.contains("load_file") || v.contains("sqlite_master"));
    }

    /** Whether {@code word} occurs followed by whitespace ({@code \\s}): the numeric tautology {@code or 1=1} needs it. */
    private static boolean beforeSpace(String v, String word) {
        for (int i = v.indexOf(word); i >= 0; i = v.indexOf(word, i + 1)) {
            int after = i + word.length();
            if (after < v.length() && isRegexSpace(v.charAt(after))) {
                return true;
            }
        }
        return false;
    }

    /** A tag, a quote before an {@code =} (attribute break-out), or a script URL, HTML data URL or cookie access. */
    private static boolean mayBeScript(String v, int marks) {
        return Marks.has(marks, Marks.LESS_THAN) || Marks.has(marks, Marks.QUOTE) && Marks.has(marks, Marks.EQUALS)
                || v.contains("script") || Marks.has(marks, Marks.SLASH) && v.contains("text/html") || v.contains("cookie");
    }

    /**
     * A shell separator ({@code ; | & newline}) before one of the commands the separator alternatives name, a
     * substitution ({@code $(}, {@code ${ifs}}), {@code cmd}, {@code powershell}, or the braces of Shellshock.
     */
    private static boolean mayBeCommand(String v, int marks) {
        return Marks.has(marks, Marks.SHELL_SEPARATOR) && followedByWord(v, SHELL_SEPARATORS, SHELL_COMMANDS)
                || Marks.has(marks, Marks.DOLLAR) && (v.contains("$(") || v.contains("${ifs}"))
                || v.contains("cmd") || v.contains("powershell")
                || Marks.has(marks, Marks.BRACE) && Marks.has(marks, Marks.SEMICOLON);
    }

    /**
     * Whether one of {@code separators} is followed, after optional whitespace ({@code \\s}), by a string that starts
     * with one of {@code words}.
     */
    private static boolean followedByWord(String v, String separators, String[] words) {
        for (int s = 0; s < separators.length(); s++) {
            char separator = separators.charAt(s);
            for (int i = v.indexOf(separator); i >= 0; i = v.indexOf(separator, i + 1)) {
                int j = i + 1;
                while (j < v.length() && isRegexSpace(v.charAt(j))) {
                    j++;
                }
                char first = j < v.length() ? v.charAt(j) : 0;
                for (String word : words) {
                    if (word.charAt(0) == first && v.startsWith(word, j)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The characters of {@code \\s} in a regular expression. */
    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /**
     * Traversal: a known sensitive file, or dot segments that climb — in the raw request path (clients remove dot
     * segments before sending, so any is deliberate), encoded as {@code %2e%2e} or similar anywhere, or climbing at
     * least twice in a query value, body string or header.
     */
    private static boolean traversal(String raw, String v, int marks, Source source, boolean prefilters) {
        if (prefilters && !Marks.has(marks, Marks.SLASH) && !Marks.has(marks, Marks.BACKSLASH) && raw.indexOf('%') < 0
                && !v.contains("boot.ini") && !v.contains("win.ini")) {
            return false;
        }
        if ((!prefilters || mayNameSensitiveFile(v)) && SENSITIVE_FILE.matcher(v).find()
                || (!prefilters || raw.indexOf('%') >= 0) && ENCODED_DOTS.matcher(raw).find()) {
            return true;
        }
        if (prefilters && !v.contains("..")) {
            return false; // nothing climbs
        }
        int climbs = 0;
        Matcher m = CLIMB.matcher(v);
        int from = 0;
        while (from < v.length() && m.find(from)) {
            climbs++;
            from = m.end() > m.start() + 2 ? m.end() - 1 : m.end(); // "../../" shares its slashes
        }
        return climbs >= (source == Source.PATH ? 1 : 2);
    }

    /**
     * False for values made only of letters, digits, spaces and {@code - _ . , @ +} that hold none of the words that
     * the only patterns such a value can match need: {@code union select}, {@code information_schema},
     * {@code @@version}, {@code xp_cmdshell}, {@code into outfile} or {@code dumpfile}, {@code sqlite_master} (SQL),
     * {@code document.cookie} (XSS), {@code boot.ini}, {@code win.ini} and a path that is just {@code ..} (traversal),
     * {@code powershell -} (command). Every other alternative needs a quote, {@code = ; | & ( < : / \ % $} or a line
     * break.
     */
    private static boolean worthLooking(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-'
                    || c == '_' || c == '.' || c == ',' || c == '@' || c == '+')) {
                return true;
            }
        }
        if (s.equals("..")) {
            return true;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        for (String word : SAFE_CHARACTER_WORDS) {
            if (lower.contains(word)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code v} has a tab, carriage return, vertical tab or form feed, or two spaces in a row. */
    private static boolean hasWhitespaceToCollapse(String v) {
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\t' || c == '\r' || c == '\u000b' || c == '\f' || c == ' ' && space) {
                return true;
            }
            space = c == ' ';
        }
        return false;
    }

    /**
     * The punctuation the prefilters ask about, read in one pass over the normalised value instead of a search per
     * character: a bit per class of character present.
     */
    static final class Marks {
        static final int QUOTE = 1;
        static final int EQUALS = 1 << 1;
        static final int SEMICOLON = 1 << 2;
        /** {@code ; | &} or a line break: the separators of {@link #SHELL_SEPARATORS}. */
        static final int SHELL_SEPARATOR = 1 << 3;
        static final int LESS_THAN = 1 << 4;
        static final int DOLLAR = 1 << 5;
        static final int BRACE = 1 << 6;
        static final int BACKTICK = 1 << 7;
        static final int SLASH = 1 << 8;
        static final int BACKSLASH = 1 << 9;
        static final int AT = 1 << 10;
        static final int UNDERSCORE = 1 << 11;
        /** Every mark: what the reference (no prefilters) assumes. */
        static final int ALL = (1 << 12) - 1;

        private Marks() {}

        static int of(String v) {
            int marks = 0;
            for (int i = 0; i < v.length(); i++) {
                marks |= switch (v.charAt(i)) {
                    case '\'', '"' -> QUOTE;
                    case '=' -> EQUALS;
                    case ';' -> SEMICOLON | SHELL_SEPARATOR;
                    case '|', '&', '\n' -> SHELL_SEPARATOR;
                    case '<' -> LESS_THAN;
                    case '$' -> DOLLAR;
                    case '{' -> BRACE;
                    case '`' -> BACKTICK;
                    case '/' -> SLASH;
                    case '\\' -> BACKSLASH;
                    case '@' -> AT;
                    case '_' -> UNDERSCORE;
                    default -> 0;
                };
            }
            return marks;
        }

        static boolean has(int marks, int mark) {
            return (marks & mark) != 0;
        }
    }

    /** Decoded up to twice more (double encoding), lower case, whitespace runs as one space. */
    static String normalise(String value) {
        String v = value;
        for (int round = 0; round < 2 && v.indexOf('%') >= 0; round++) {
            try {
                String decoded = URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
                if (decoded.equals(v)) {
                    break;
                }
                v = decoded;
            } catch (IllegalArgumentException e) {
                break; // "50% off": not an escape
            }
        }
        v = v.toLowerCase(Locale.ROOT);
        if (!hasWhitespaceToCollapse(v)) {
            return v; // the usual value: nothing below would change it
        }
        StringBuilder out = new StringBuilder(v.length());
        boolean space = false;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\t' || c == '\r' || c == ' ' || c == '\u000b' || c == '\f') {
                if (!space) {
                    out.append(' ');
                }
                space = true;
            } else {
                out.append(c);
                space = false;
            }
        }
        return out.toString();
    }
}
