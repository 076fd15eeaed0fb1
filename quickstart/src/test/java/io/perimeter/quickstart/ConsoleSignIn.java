package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console's line of the quick start's printed summary, as a person reads it: where the console is, with which
 * account, whether through Keycloak, and the password.
 */
record ConsoleSignIn(String url, boolean throughKeycloak, String username, String password) {
    private static final Pattern LINE =
            Pattern.compile("console\\s+(http\\S+)\\s+sign in (through Keycloak )?as (\\S+), password (\\S+)");

    static ConsoleSignIn printedBy(QuickStart quickStart) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        quickStart.printWhereThingsAre(new PrintStream(printed, true, StandardCharsets.UTF_8));
        Matcher line = LINE.matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(line.find()).as("the summary names the console and its sign-in:%n%s", printed).isTrue();
        return new ConsoleSignIn(line.group(1), line.group(2) != null, line.group(3), line.group(4));
    }
}
