package io.perimeter.analyzer.findings;

import java.util.Locale;
import java.util.Set;

/** Names of parameters and fields that hold credentials or tokens, compared without case, {@code _} or {@code -}. */
final class CredentialNames {
    /** Query parameters whose value is a credential when present. */
    private static final Set<String> QUERY_CREDENTIALS = Set.of("accesstoken", "apikey", "key", "token", "authtoken",
            "auth", "password", "passwd", "pwd", "secret", "clientsecret", "sessionid", "session", "jsessionid", "sid",
            "idtoken", "refreshtoken", "privatetoken", "apitoken", "accesskey", "secretkey", "jwt", "bearer");

    /** Response fields that hand a token out as designed (login, OAuth token endpoints). */
    private static final Set<String> ISSUED_TOKENS = Set.of("accesstoken", "refreshtoken", "idtoken", "token",
            "sessiontoken", "jwt", "authtoken", "bearertoken", "csrftoken", "xsrftoken");

    private CredentialNames() {}

    /** {@code Access_Token} → {@code accesstoken}. */
    static String normalise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != '$' && c != ' ') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * True for a query parameter that carries a credential by its name. Presigned-URL parameters
     * ({@code X-Amz-*}, {@code X-Goog-*}, {@code sig}, {@code signature}) are designed to be in URLs and are not.
     */
    static boolean isQueryCredential(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith("x-amz-") || lower.startsWith("x-goog-")) {
            return false;
        }
        return QUERY_CREDENTIALS.contains(normalise(name));
    }

    /** True when the last part of {@code fieldPath} names a token that is issued on purpose ({@code access_token}). */
    static boolean isIssuedToken(String fieldPath) {
        if (fieldPath == null) {
            return false;
        }
        String last = fieldPath;
        int dot = last.lastIndexOf('.');
        if (dot >= 0) {
            last = last.substring(dot + 1);
        }
        last = last.replace("[]", "");
        return ISSUED_TOKENS.contains(normalise(last));
    }
}
