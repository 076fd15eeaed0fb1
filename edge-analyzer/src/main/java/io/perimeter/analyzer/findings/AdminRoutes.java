package io.perimeter.analyzer.findings;

import java.util.Locale;
import java.util.Set;

/** Templates of administrative functions, recognised by a literal segment ({@code /admin/...}, {@code /api/superuser}). */
final class AdminRoutes {
    private static final Set<String> ADMIN_WORDS = Set.of("superuser", "sudo", "backoffice", "back-office");
    private static final String[] LOGIN_WORDS = {"login", "signin", "sign-in", "logout", "signout", "auth", "oauth",
            "sso", "static", "assets", "css", "js", "img", "images", "favicon", "health", "ping"};

    private AdminRoutes() {}

    /** True for a literal segment that starts with {@code admin} (after {@code _} or {@code -}) or is a superuser word. */
    static boolean isAdminSegment(String segment) {
        if (segment.startsWith("{")) {
            return false;
        }
        String s = segment.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '_' || s.charAt(i) == '-')) {
            i++;
        }
        return s.startsWith("admin", i) || ADMIN_WORDS.contains(s.substring(i));
    }

    static boolean isAdminRoute(String template) {
        for (String segment : template.split("/")) {
            if (isAdminSegment(segment)) {
                return true;
            }
        }
        return false;
    }

    /** True when a literal segment is about signing in or static files ({@code /admin/login}, {@code /admin/assets}). */
    static boolean isLoginOrStatic(String template) {
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                continue;
            }
            String s = segment.toLowerCase(Locale.ROOT);
            for (String word : LOGIN_WORDS) {
                if (s.equals(word) || s.startsWith(word + ".") || s.contains(word) && word.length() >= 5) {
                    return true;
                }
            }
        }
        return false;
    }
}
