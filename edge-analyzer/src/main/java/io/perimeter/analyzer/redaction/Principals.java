package io.perimeter.analyzer.redaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perimeter.sensor.call.ApiCall;
import io.perimeter.sensor.call.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who made a call, as a pseudonym: the JWT subject (or, for an opaque bearer token, the token), the Basic user,
 * an API key header, or a session cookie. The identity itself is never returned. Thread-safe.
 */
public final class Principals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] API_KEY_HEADERS = {"X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token"};
    private static final String[] SESSION_COOKIES = {"session", "sessionid", "jsessionid", "connect.sid", "sid", "phpsessid", "access_token"};

    private final Pseudonymizer pseudonyms;

    public Principals(Pseudonymizer pseudonyms) {
        this.pseudonyms = pseudonyms;
    }

    /** The pseudonym of the call's principal, empty for an anonymous call. */
    public Optional<String> of(ApiCall call) {
        return identity(call.request().headers()).map(id -> pseudonyms.pseudonym("principal", id));
    }

    static Optional<String> identity(Headers headers) {
        Optional<String> authorization = headers.first("Authorization").map(String::strip);
        if (authorization.isPresent()) {
            String value = authorization.get();
            int space = value.indexOf(' ');
            String scheme = space < 0 ? value : value.substring(0, space);
            String credential = space < 0 ? "" : value.substring(space + 1).strip();
            if (scheme.equalsIgnoreCase("Bearer") && !credential.isEmpty()) {
                return Optional.of(jwtSubject(credential).map(sub -> "jwt-sub:" + sub).orElse("bearer:" + credential));
            }
            if (scheme.equalsIgnoreCase("Basic")) {
                return basicUser(credential).map(user -> "basic:" + user);
            }
            if (!credential.isEmpty()) {
                return Optional.of(scheme.toLowerCase(Locale.ROOT) + ":" + credential);
            }
        }
        for (String name : API_KEY_HEADERS) {
            Optional<String> key = headers.first(name);
            if (key.isPresent() && !key.get().isBlank()) {
                return Optional.of("api-key:" + key.get().strip());
            }
        }
        for (String cookies : headers.all("Cookie")) {
            for (String pair : cookies.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                    for (String session : SESSION_COOKIES) {
                        if (name.equals(session) && eq + 1 < pair.length()) {
                            return Optional.of("session:" + pair.substring(eq + 1).strip());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The {@code sub} claim of a JWT, without checking its signature (only the edge sees it). */
    static Optional<String> jwtSubject(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode claims = JSON.readTree(payload);
            JsonNode sub = claims == null ? null : claims.get("sub");
            return sub != null && sub.isValueNode() ? Optional.of(sub.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty(); // not a JWT after all: the token identifies the caller
        }
    }

    private static Optional<String> basicUser(String credential) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credential), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
