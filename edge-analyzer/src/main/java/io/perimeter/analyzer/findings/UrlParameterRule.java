package io.perimeter.analyzer.findings;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * API7-URL-PARAMETER: a query parameter or request body field holds an absolute URL and the request got a 2xx answer:
 * an input the server may fetch (webhooks, imports, previews, callbacks), the precondition of server-side request
 * forgery. Parameters named for browser redirects ({@code redirect_uri}, {@code return_to}, {@code next},
 * {@code continue}, ...) are not counted: the browser follows them, not the server. Low by default; high when the URL
 * points inside ({@code internalTarget}: loopback, private, link-local — the cloud metadata address among them —,
 * internal names, integer-encoded addresses) or uses a scheme other than http(s) ({@code nonHttpScheme}:
 * {@code file:}, {@code gopher:}, {@code dict:}, ...).
 */
final class UrlParameterRule implements Rule {
    static final Pattern ABSOLUTE_URL = Pattern.compile("^([a-z][a-z0-9+.-]{1,15})://([^/?#\\s]*)",
            Pattern.CASE_INSENSITIVE);
    private static final Set<String> BROWSER_NAVIGATION = Set.of("next", "continue", "state", "referer", "referrer",
            "origin", "goto", "camefrom", "from", "back", "backurl", "successurl", "cancelurl", "failureurl");

    private final InternalHosts internal;

    UrlParameterRule(InternalHosts internal) {
        this.internal = internal;
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API7_URL_PARAMETER);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded()) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (ObservedCall.Parameter p : call.query()) {
            check(call, sink, EvidenceLocation.REQUEST_QUERY, EvidenceNames.parameterName(p.name()), p.value(), reported);
        }
        for (ObservedCall.BodyField f : call.requestFields()) {
            if (f.value() != null) {
                check(call, sink, EvidenceLocation.REQUEST_BODY, f.path(), f.value(), reported);
            }
        }
    }

    private void check(ObservedCall call, FindingSink sink, EvidenceLocation location, String name, String value,
            Set<String> reported) {
        if (value.length() < 10 || value.length() > 8_192) {
            return;
        }
        Matcher m = absoluteUrl(value);
        if (m == null || isNavigation(name) || !reported.add(location + " " + name)) {
            return;
        }
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        boolean nonHttp = !scheme.equals("http") && !scheme.equals("https");
        boolean internalTarget = isInternal(host(m.group(2)));
        sink.report(Occurrence.of(RuleId.API7_URL_PARAMETER, call, new Evidence(location, name, null, Set.of(), null)
                        .withFact("internalTarget", internalTarget)
                        .withFact("nonHttpScheme", nonHttp))
                .severity(internalTarget || nonHttp ? Severity.HIGH : Severity.LOW));
    }

    /**
     * The match of {@link #ABSOLUTE_URL} in the stripped value, or null. Its scheme is 2 to 16 characters without a
     * colon, so a value whose first {@code ://} is elsewhere (most values have none) is not matched at all.
     */
    static Matcher absoluteUrl(String value) {
        String v = value.strip();
        int schemeEnd = v.indexOf("://");
        if (schemeEnd < 2 || schemeEnd > 16) {
            return null;
        }
        Matcher m = ABSOLUTE_URL.matcher(v);
        return m.find() ? m : null;
    }

    private static boolean isNavigation(String name) {
        String n = CredentialNames.normalise(PrivilegeFieldWriteRule.lastName(name));
        return n.contains("redirect") || n.contains("return") || BROWSER_NAVIGATION.contains(n);
    }

    /** The host of an authority ({@code user@host:port}, {@code [::1]:80}), lower case. */
    static String host(String authority) {
        String a = authority;
        int at = a.lastIndexOf('@');
        if (at >= 0) {
            a = a.substring(at + 1);
        }
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            return close < 0 ? a : a.substring(1, close).toLowerCase(Locale.ROOT);
        }
        int colon = a.indexOf(':');
        return (colon < 0 ? a : a.substring(0, colon)).toLowerCase(Locale.ROOT);
    }

    private boolean isInternal(String host) {
        if (host.isEmpty()) {
            return true; // file:///etc/passwd
        }
        if (isIntegerAddress(host)) {
            return true; // http://2130706433/ and http://0x7f000001/ are 127.0.0.1
        }
        return internal.isInternal(host) || host.startsWith("metadata.");
    }

    private static boolean isIntegerAddress(String host) {
        if (host.startsWith("0x")) {
            return host.length() > 2 && host.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !host.isEmpty() && host.chars().allMatch(Character::isDigit);
    }
}
