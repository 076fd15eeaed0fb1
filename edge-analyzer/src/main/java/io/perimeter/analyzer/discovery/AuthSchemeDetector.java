package io.perimeter.analyzer.discovery;

import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells which {@link AuthScheme}s a request used, from header names, the {@code Authorization} scheme
 * token and the credential's <em>shape</em> (JWT or not), cookie names and query parameter names. No
 * credential value is kept or returned: only the scheme and the name of the header, cookie or parameter.
 *
 * <p>Stateless and thread-safe.
 */
final class AuthSchemeDetector {

    private static final AuthEvidence AUTH_JWT = header(AuthScheme.BEARER_JWT, "authorization");
    private static final AuthEvidence AUTH_OPAQUE = header(AuthScheme.BEARER_OPAQUE, "authorization");
    private static final AuthEvidence AUTH_BASIC = header(AuthScheme.BASIC, "authorization");
    private static final AuthEvidence AUTH_DIGEST = header(AuthScheme.DIGEST, "authorization");
    private static final AuthEvidence AUTH_API_KEY = header(AuthScheme.API_KEY, "authorization");
    private static final List<AuthEvidence> NONE = List.of(AuthEvidence.NONE);

    private static final Set<String> API_KEY_HEADERS = Set.of("x-api-key", "api-key", "apikey", "x-apikey",
            "x-api-token", "api-token", "x-auth-token", "x-access-token", "x-functions-key", "ocp-apim-subscription-key",
            "x-goog-api-key", "x-app-key", "x-application-key", "x-secret-key", "x-token", "private-token",
            "x-rapidapi-key", "x-amz-security-token", "x-auth-key", "x-service-token");
    private static final Set<String> API_KEY_PARAMS = Set.of("api_key", "apikey", "api-key", "key", "token",
            "auth_token", "x-api-key", "access_key", "subscription-key");
    private static final Set<String> SESSION_COOKIES = Set.of("jsessionid", "phpsessid", "asp.net_sessionid",
            "connect.sid", "sid", "ssid", "session", "sessionid", "session_id", "_session_id", "laravel_session",
            "ci_session", "rack.session", "express.sid", "access_token", "auth_token", "id_token", "refresh_token",
            "jwt", "token", "auth", "_oauth2_proxy", "__session", "remember_me", "remember_token");

    /** The characters of a JWT segment: base64url and '=' padding (a table: a token is read on every call). */
    private static final boolean[] TOKEN_CHARS = tokenChars();

    private AuthSchemeDetector() {}

    private static boolean[] tokenChars() {
        boolean[] chars = new boolean[128];
        for (char c = 0; c < chars.length; c++) {
            chars[c] = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '=';
        }
        return chars;
    }

    /**
     * The schemes of a request with {@code headers} and the query string {@code target[queryFrom,
     * queryTo)}; {@link AuthEvidence#NONE} alone when there is no credential.
     */
    static List<AuthEvidence> detect(Headers headers, String target, int queryFrom, int queryTo) {
        List<AuthEvidence> found = null;
        for (Header h : headers.fields()) {
            String name = h.name();
            AuthEvidence e = null;
            if (name.equalsIgnoreCase("authorization")) {
                e = authorization(h.value());
            } else if (name.equalsIgnoreCase("cookie")) {
                found = cookies(h.value(), found);
                continue;
            } else if (name.length() <= 64 && isApiKeyHeader(name)) {
                e = header(AuthScheme.API_KEY, name.toLowerCase(Locale.ROOT));
            }
            if (e != null) {
                found = add(found, e);
            }
        }
        if (queryTo > queryFrom) {
            found = queryParams(target, queryFrom, queryTo, found);
        }
        return found == null ? NONE : found;
    }

    private static AuthEvidence authorization(String value) {
        int i = skipSpaces(value, 0);
        int schemeEnd = i;
        while (schemeEnd < value.length() && value.charAt(schemeEnd) != ' ') {
            schemeEnd++;
        }
        if (schemeEnd == value.length()) {
            // a bare credential without a scheme
            return isJwt(value, i, schemeEnd) ? AUTH_JWT : AUTH_API_KEY;
        }
        int credential = skipSpaces(value, schemeEnd);
        int credentialEnd = value.length();
        while (credentialEnd > credential && value.charAt(credentialEnd - 1) == ' ') {
            credentialEnd--;
        }
        if (is(value, i, schemeEnd, "bearer")) {
            return isJwt(value, credential, credentialEnd) ? AUTH_JWT : AUTH_OPAQUE;
        }
        if (is(value, i, schemeEnd, "basic")) {
            return AUTH_BASIC;
        }
        if (is(value, i, schemeEnd, "digest")) {
            return AUTH_DIGEST;
        }
        if (is(value, i, schemeEnd, "token")) {
            return AUTH_OPAQUE;
        }
        if (is(value, i, schemeEnd, "apikey") || is(value, i, schemeEnd, "api-key") || is(value, i, schemeEnd, "api_key")
                || is(value, i, schemeEnd, "key")) {
            return AUTH_API_KEY;
        }
        String scheme = schemeEnd - i <= 32 && isToken(value, i, schemeEnd)
                ? value.substring(i, schemeEnd).toLowerCase(Locale.ROOT) : "other";
        return header(AuthScheme.OTHER, scheme);
    }

    private static List<AuthEvidence> cookies(String value, List<AuthEvidence> found) {
        int i = 0;
        int len = value.length();
        while (i < len) {
            i = skipSpaces(value, i);
            int eq = i;
            while (eq < len && value.charAt(eq) != '=' && value.charAt(eq) != ';') {
                eq++;
            }
            int end = eq;
            while (end < len && value.charAt(end) != ';') {
                end++;
            }
            int nameEnd = eq;
            while (nameEnd > i && value.charAt(nameEnd - 1) == ' ') {
                nameEnd--;
            }
            if (nameEnd > i && nameEnd - i <= 64 && isToken(value, i, nameEnd)) {
                String name = value.substring(i, nameEnd).toLowerCase(Locale.ROOT);
                if (isSessionCookie(name)) {
                    name = FieldNames.normalise(name); // a name that is a value (sess_8f3k2a9d) is not kept
                    found = add(found, new AuthEvidence(AuthScheme.COOKIE_SESSION, CredentialLocation.COOKIE, name));
                }
            }
            i = end + 1;
        }
        return found;
    }

    private static List<AuthEvidence> queryParams(String s, int from, int to, List<AuthEvidence> found) {
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || s.charAt(i) == '&') {
                int eq = start;
                while (eq < i && s.charAt(eq) != '=') {
                    eq++;
                }
                int nameLength = eq - start;
                if (nameLength > 0 && nameLength <= 32) {
                    if (s.regionMatches(true, start, "access_token", 0, nameLength) && nameLength == 12) {
                        AuthScheme scheme = eq < i && isJwt(s, eq + 1, i) ? AuthScheme.BEARER_JWT : AuthScheme.BEARER_OPAQUE;
                        found = add(found, new AuthEvidence(scheme, CredentialLocation.QUERY, "access_token"));
                    } else {
                        String name = s.substring(start, eq).toLowerCase(Locale.ROOT);
                        if (API_KEY_PARAMS.contains(name)) {
                            found = add(found, new AuthEvidence(AuthScheme.API_KEY, CredentialLocation.QUERY, name));
                        }
                    }
                }
                start = i + 1;
            }
        }
        return found;
    }

    private static boolean isApiKeyHeader(String name) {
        if (name.isEmpty()) {
            return false; // a HAR file or a capture line can hold a header without a name
        }
        char c = name.charAt(0);
        if (c != 'x' && c != 'X' && c != 'a' && c != 'A' && c != 'o' && c != 'O' && c != 'p' && c != 'P') {
            return false; // cheap reject for the usual headers (Accept… is rejected below)
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return API_KEY_HEADERS.contains(lower) || lower.contains("api-key") || lower.contains("apikey")
                || lower.contains("api_key");
    }

    private static boolean isSessionCookie(String name) {
        return SESSION_COOKIES.contains(name) || name.contains("sess") || name.endsWith("_token") && !name.contains("csrf")
                && !name.contains("xsrf") || name.endsWith("-auth") || name.endsWith("_auth");
    }

    /** A JWS or JWE in compact form: base64url parts separated by 2 or 4 dots, the header starting {@code eyJ}. */
    static boolean isJwt(String s, int from, int to) {
        if (to - from < 20 || !s.startsWith("eyJ", from)) {
            return false;
        }
        int dots = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c >= TOKEN_CHARS.length || !TOKEN_CHARS[c]) {
                return false;
            }
        }
        return dots == 2 || dots == 4;
    }

    private static boolean is(String s, int from, int to, String word) {
        return to - from == word.length() && s.regionMatches(true, from, word, 0, word.length());
    }

    private static boolean isToken(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static AuthEvidence header(AuthScheme scheme, String name) {
        return new AuthEvidence(scheme, CredentialLocation.HEADER, name);
    }

    private static List<AuthEvidence> add(List<AuthEvidence> found, AuthEvidence e) {
        if (found == null) {
            found = new ArrayList<>(2);
        }
        if (!found.contains(e)) {
            found.add(e);
        }
        return found;
    }
}
