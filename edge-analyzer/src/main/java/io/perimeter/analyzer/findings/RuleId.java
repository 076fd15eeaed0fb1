package io.perimeter.analyzer.findings;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every rule the engine has: its id as written in the batch, its OWASP category and its usual severity (an occurrence
 * may be rated higher or lower, see docs/findings.md, which documents each rule under its id).
 */
public enum RuleId {
    API1_OBJECT_WALK("API1-OBJECT-WALK", OwaspCategory.API1, Severity.HIGH),
    API1_SHARED_OBJECT("API1-SHARED-OBJECT", OwaspCategory.API1, Severity.MEDIUM),
    API2_UNAUTHENTICATED_SENSITIVE_DATA("API2-UNAUTHENTICATED-SENSITIVE-DATA", OwaspCategory.API2, Severity.HIGH),
    API2_CREDENTIAL_IN_QUERY("API2-CREDENTIAL-IN-QUERY", OwaspCategory.API2, Severity.MEDIUM),
    API2_BASIC_AUTH_PLAINTEXT("API2-BASIC-AUTH-PLAINTEXT", OwaspCategory.API2, Severity.HIGH),
    API2_JWT_ALG_NONE("API2-JWT-ALG-NONE", OwaspCategory.API2, Severity.CRITICAL),
    API2_JWT_NO_EXPIRY("API2-JWT-NO-EXPIRY", OwaspCategory.API2, Severity.MEDIUM),
    API2_JWT_EXPIRED_ACCEPTED("API2-JWT-EXPIRED-ACCEPTED", OwaspCategory.API2, Severity.HIGH),
    API3_SECRET_IN_RESPONSE("API3-SECRET-IN-RESPONSE", OwaspCategory.API3, Severity.HIGH),
    API3_SENSITIVE_DATA_IN_RESPONSE("API3-SENSITIVE-DATA-IN-RESPONSE", OwaspCategory.API3, Severity.MEDIUM),
    API3_PRIVILEGE_FIELD_WRITE("API3-PRIVILEGE-FIELD-WRITE", OwaspCategory.API3, Severity.MEDIUM),
    API4_NO_RATE_LIMIT("API4-NO-RATE-LIMIT", OwaspCategory.API4, Severity.MEDIUM),
    API4_UNBOUNDED_PAGE_SIZE("API4-UNBOUNDED-PAGE-SIZE", OwaspCategory.API4, Severity.MEDIUM),
    API5_ADMIN_ROUTE_ORDINARY_IDENTITY("API5-ADMIN-ROUTE-ORDINARY-IDENTITY", OwaspCategory.API5, Severity.HIGH),
    API7_URL_PARAMETER("API7-URL-PARAMETER", OwaspCategory.API7, Severity.LOW),
    API8_SENSITIVE_DATA_PLAINTEXT("API8-SENSITIVE-DATA-PLAINTEXT", OwaspCategory.API8, Severity.HIGH),
    API8_CORS_CREDENTIALS("API8-CORS-CREDENTIALS", OwaspCategory.API8, Severity.HIGH),
    API8_STACK_TRACE("API8-STACK-TRACE", OwaspCategory.API8, Severity.MEDIUM),
    API8_MISSING_SECURITY_HEADERS("API8-MISSING-SECURITY-HEADERS", OwaspCategory.API8, Severity.LOW),
    API9_SHADOW_ENDPOINT("API9-SHADOW-ENDPOINT", OwaspCategory.API9, Severity.MEDIUM),
    API9_DEPRECATED_OPERATION("API9-DEPRECATED-OPERATION", OwaspCategory.API9, Severity.LOW),
    API9_DEPRECATED_VERSION("API9-DEPRECATED-VERSION", OwaspCategory.API9, Severity.LOW),
    API10_SENSITIVE_DATA_TO_THIRD_PARTY("API10-SENSITIVE-DATA-TO-THIRD-PARTY", OwaspCategory.API10, Severity.MEDIUM),
    ATTACK_SQL_INJECTION("ATTACK-SQL-INJECTION", OwaspCategory.ATTACK, Severity.MEDIUM),
    ATTACK_XSS("ATTACK-XSS", OwaspCategory.ATTACK, Severity.MEDIUM),
    ATTACK_PATH_TRAVERSAL("ATTACK-PATH-TRAVERSAL", OwaspCategory.ATTACK, Severity.MEDIUM),
    ATTACK_COMMAND_INJECTION("ATTACK-COMMAND-INJECTION", OwaspCategory.ATTACK, Severity.MEDIUM);

    private final String id;
    private final OwaspCategory category;
    private final Severity severity;

    RuleId(String id, OwaspCategory category, Severity severity) {
        this.id = id;
        this.category = category;
        this.severity = severity;
    }

    /** The id written in the batch ({@code API1-OBJECT-WALK}). */
    public String id() {
        return id;
    }

    public OwaspCategory category() {
        return category;
    }

    /** The usual severity; occurrences may be rated otherwise (documented per rule). */
    public Severity severity() {
        return severity;
    }

    /** The rule with the given batch id. */
    public static Optional<RuleId> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
