package io.perimeter.cloud.playbooks.policy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A path template as an anchored regular expression that every gateway here reads the same way (PCRE for nginx,
 * ModSecurity and AWS WAF, RE2 for Envoy, Rust regex for Kong): literal characters outside {@code [A-Za-z0-9_~/-]}
 * become {@code \xHH} byte escapes, and a template parameter ({@code {id}}) becomes one path segment ({@code [^/]+}).
 * A template comes from traffic, so nothing of it reaches a policy unescaped: no quote, backslash, dollar, brace,
 * semicolon, space or newline of the template can appear in the result.
 */
public final class RouteRegex {
    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z0-9_.-]{1,64}}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private RouteRegex() {
    }

    /** {@code ^…$} for {@code template}; refuses a template that does not start with a slash. */
    public static String of(String template) {
        if (template == null || !template.startsWith("/") || template.length() > 2048) {
            throw new PolicyException("the finding's path template is not a path; no route policy can be generated");
        }
        StringBuilder regex = new StringBuilder("^");
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                var matcher = PARAMETER.matcher(template).region(i, template.length());
                if (matcher.lookingAt()) {
                    regex.append("[^/]+");
                    i = matcher.end();
                    continue;
                }
            }
            int codePoint = template.codePointAt(i);
            regex.append(literal(codePoint));
            i += Character.charCount(codePoint);
        }
        return regex.append('$').toString();
    }

    /** The HTTP method, checked to be a plain token of capitals (it goes into policies as is). */
    public static String method(String method) {
        if (method == null || !METHOD.matcher(method).matches()) {
            throw new PolicyException("the finding's method is not an HTTP method token");
        }
        return method;
    }

    private static String literal(int codePoint) {
        if (codePoint < 128 && (Character.isLetterOrDigit(codePoint) || "_~/-".indexOf(codePoint) >= 0)) {
            return Character.toString(codePoint);
        }
        StringBuilder escaped = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            escaped.append(String.format(Locale.ROOT, "\\x%02X", b & 0xFF));
        }
        return escaped.toString();
    }
}
