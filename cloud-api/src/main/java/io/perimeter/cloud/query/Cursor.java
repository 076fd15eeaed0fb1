package io.perimeter.cloud.query;

import io.perimeter.cloud.problem.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The opaque position between two pages: the name of the sort and the sort keys of the last row served. Clients
 * pass it back unchanged; it holds nothing the caller could not read through the API anyway, and row-level security
 * bounds whatever a forged one could select. Encoded as base64url of the values joined by a separator that no key
 * value contains (keys are timestamps, numbers, UUIDs and host names).
 */
final class Cursor {
    private static final char SEPARATOR = '\u001f';

    private Cursor() {}

    static String encode(String sort, List<String> keys) {
        StringBuilder text = new StringBuilder(sort);
        for (String key : keys) {
            text.append(SEPARATOR).append(key);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of {@code cursor}, which must have been made for {@code sort}. */
    static List<String> decode(String cursor, String sort) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad();
        }
        List<String> parts = new ArrayList<>(List.of(text.split(String.valueOf(SEPARATOR), -1)));
        if (parts.size() < 2 || !parts.getFirst().equals(sort)) {
            throw ApiException.badRequest("bad-cursor", "this cursor belongs to another sort order or list; start "
                    + "again without a cursor");
        }
        return parts.subList(1, parts.size());
    }

    static ApiException bad() {
        return ApiException.badRequest("bad-cursor", "the cursor is not one this API issued; pass nextCursor unchanged");
    }
}
