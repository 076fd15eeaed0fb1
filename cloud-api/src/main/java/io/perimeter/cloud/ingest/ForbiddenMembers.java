package io.perimeter.cloud.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Members that no batch may have, whatever the schema says: names under which a raw value of a request or response
 * would travel (a body, a header or cookie value, a query string, a token, an end user's address, an example). The
 * schema already refuses every unknown member; this second, independent check keeps that true if the schema is ever
 * loosened by mistake, and gives the edge a precise reason ({@code forbidden-field}). Names are compared without
 * case, dashes or underscores. The keys of the contract's maps (status codes, counters, header names, fact names) are
 * data, not members, and are not judged by name; their values are walked all the same.
 */
final class ForbiddenMembers {
    static final Set<String> NAMES = Set.of(
            "body", "rawbody", "requestbody", "responsebody", "payload", "content", "raw", "rawvalue",
            "value", "values", "example", "examples", "sample", "samples", "data", "text", "detail", "details",
            "message", "description", "comment",
            "query", "querystring", "url", "uri", "header", "headers", "headervalue", "headervalues",
            "cookie", "cookies", "cookievalue", "authorization", "token", "accesstoken", "refreshtoken", "jwt",
            "password", "secret", "apikey", "credential", "credentials",
            "ip", "ipaddress", "clientip", "clientaddress", "remoteaddr", "remoteaddress", "sourceip", "useragent",
            "user", "username", "email", "phone", "cardnumber", "pan", "ssn", "iban");
    /** Members whose keys are names taken from traffic or from the edge, not schema members. */
    private static final Set<String> MAPS = Set.of("statusCodes", "counters", "headerDataClasses", "facts");
    /** Names that may be repeated in an error: schema-like identifiers, which cannot hold a quoted value. */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,39}");
    private static final int MAX_REPORTED = 20;

    private ForbiddenMembers() {}

    /** Where the batch has a forbidden member, as {@code $.a.b[0].member}; empty if nowhere. */
    static List<String> find(JsonNode batch) {
        List<String> found = new ArrayList<>();
        walk(batch, "$", false, found);
        return found;
    }

    private static void walk(JsonNode node, String at, boolean keysAreData, List<String> found) {
        if (found.size() >= MAX_REPORTED) {
            return;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "[" + i + "]", false, found);
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                String name = member.getKey();
                if (keysAreData) {
                    walk(member.getValue(), at + ".<key>", false, found);
                } else if (NAMES.contains(normalized(name))) {
                    found.add(at + "." + normalized(name) + " is a forbidden member: it could carry a raw value");
                } else {
                    // an unknown name is the schema's to refuse; it is not repeated here, since it may itself be data
                    String shown = SAFE_NAME.matcher(name).matches() ? name : "<key>";
                    walk(member.getValue(), at + "." + shown, MAPS.contains(name), found);
                }
            }
        }
    }

    private static String normalized(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
