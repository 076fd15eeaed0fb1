package io.perimeter.analyzer.discovery;

import static io.perimeter.analyzer.discovery.Calls.call;

import io.perimeter.analyzer.classification.DataClass;
import java.util.List;
import java.util.Set;

/**
 * Traffic that carries planted values ("canaries") in every place a request or response can hold one:
 * path segments, query values and names, headers, cookies, JSON and form bodies, map keys, the client
 * address. Whatever is built from it must contain none of {@link #CANARIES}.
 */
final class CanaryTraffic {

    static final String EMAIL = "canary.user@example.test";
    static final String CARD = "4111111111111111";
    static final String UUID = "5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10";
    static final String TOKEN = "CanaryTok3nValue_9f8e7d6c5b4a3210";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjYW5hcnkifQ.Y2FuYXJ5LXNpZ25hdHVyZQ";
    static final String SSN = "078-05-1120";

    /** Substrings that must not appear (case-insensitive); "canary" catches every planted word. */
    static final List<String> CANARIES = List.of("canary", CARD, UUID, "5f1c0a52", SSN, "eyJhbGci", "Y2FuYXJ5",
            Calls.CLIENT_IP, "Passw0rd", "9f8e7d6c5b4a3210");

    private CanaryTraffic() {}

    /** Feeds the canary traffic (and enough ordinary traffic to exercise merging) into {@code builder}. */
    static void feed(InventoryBuilder builder) {
        String json = """
                {"email": "%s", "card": "%s", "password": "canaryPassw0rd!", "nested": {"ssn": "%s", "note": "canary note"},
                 "map": {"%s": {"n": 1}, "%s": 2}, "tags": ["canary-tag", "%s"], "token": "%s"}
                """.formatted(EMAIL, CARD, SSN, EMAIL, UUID, CARD, JWT);
        EndpointRef ref = builder.observe(call("POST", "/api/v1/users/by-email/" + EMAIL + "?email=" + EMAIL + "&card=" + CARD
                + "&q=canaryquery&" + EMAIL + "=1")
                .header("Authorization", "Bearer " + JWT)
                .header("X-API-Key", "canary-api-key-value")
                .header("Cookie", "JSESSIONID=canarysessioncookie; theme=canarytheme")
                .header("X-Forwarded-For", Calls.CLIENT_IP)
                .header("User-Agent", "canary-agent/1.0")
                .body("application/json", json)
                .respond(200, "application/json", json).build());
        builder.recordDataClasses(ref, MessagePart.REQUEST_BODY, "email", Set.of(DataClass.EMAIL));
        builder.observe(call("GET", "/api/v1/users/by-email/canary.user%40example.test").build());
        builder.observe(call("GET", "/cards/" + CARD + "/transactions?from=2024-01-01").header("Authorization", "Basic Y2FuYXJ5OnNlY3JldA==").build());
        builder.observe(call("DELETE", "/sessions/" + UUID + ";jsessionid=canaryjsession").build());
        builder.observe(call("GET", "/shares/" + TOKEN + "?access_token=" + JWT).build());
        builder.observe(call("POST", "/login").body("application/x-www-form-urlencoded",
                "username=canary&password=canaryPassw0rd%21&email=canary.user%40example.test").respond(302, null, "").build());
        builder.observe(call("GET", "/mailboxes/" + EMAIL + "/messages/" + "d41d8cd98f00b204e9800998ecf8427e").build());
        builder.observe(call("GET", "/search?" + CARD + "&" + UUID + "=x").build());
        for (String slug : PathTemplaterTest.slugs(30)) {
            builder.observe(call("GET", "/products/" + slug).build());
        }
    }
}
