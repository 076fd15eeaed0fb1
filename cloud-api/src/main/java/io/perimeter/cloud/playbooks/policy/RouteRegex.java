package io.perimeter.cloud.playbooks.policy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A path template as an anchored regular expression that every gateway here reads the same way (PCRE for nginx,
 * ModSecurity and AWS WAF, RE2 for Envoy, Rust regex for Kong): literal characters outside {@code [A-Za-z0-9_~/-]}
 * become escapes, and a template parameter ({@code {id}}) becomes one path segment ({@code [^/]+}). For PCRE without
 * its UTF-8 mode (nginx, ModSecurity, AWS WAF) a non-ASCII character is its UTF-8 bytes as {@code \xHH} escapes,
 * which PCRE matches byte by byte; RE2 reads {@code \xHH} as the code point U+00HH instead, so for RE2
 * ({@link #ofCodePoints}) it is one {@code \x{HHHH}} code point escape.
 * A template comes from traffic, so nothing of it reaches a policy unescaped: no quote, backslash, dollar, brace,
 * semicolon, space or newline of the template can appear in the result.
 */
public final class RouteRegex {
    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z0-9_.-]{1,64}}");
    private static final Pattern METHOD = Pattern.compile("[A-Z]{1,16}");

    private RouteRegex() {
    }

    /** {@code ^…$} for {@code template}, for byte-matching PCRE; refuses a template that does not start with a slash. */
    public static String of(String template) {
        return of(template, false);
    }

    /** {@code ^…$} for {@code template}, for RE2 (Envoy), which matches UTF-8 text by code point. */
    public static String ofCodePoints(String template) {
        return of(template, true);
    }

    private static String of(String template, boolean codePoints) {
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
            regex.append(literal(codePoint, codePoints));
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

    private static String literal(int codePoint, boolean codePoints) {
        if (codePoint < 128 && (Character.isLetterOrDigit(codePoint) || "_~/-".indexOf(codePoint) >= 0)) {
            return Character.toString(codePoint);
        }
        if (codePoints && codePoint >= 128) {
            return String.format(Locale.ROOT, "\\x{%04X}", codePoint);
        }
        StringBuilder escaped = new StringBuilder();
        for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
            escaped.append(String.format(Locale.ROOT, "\\x%02X", b & 0xFF));
        }
        return escaped.toString();
    }
}
