package io.perimeter.analyzer.findings;

import java.util.HashSet;
import java.util.Set;

/**
 * API3-PRIVILEGE-FIELD-WRITE: a POST, PUT or PATCH whose JSON or form body sets a privilege property ({@code role},
 * {@code roles}, {@code isAdmin}, {@code is_superuser}, {@code permissions}, {@code accessLevel}, ...) got a 2xx
 * answer: mass assignment of authorization properties. Endpoints that manage privileges by design (a literal segment
 * that is admin-like or itself a privilege word: {@code /admin/users}, {@code /roles/{id}}) are not counted. The fact
 * {@code reflectedInResponse} says the answer's body has a member of the same name (the write probably took).
 */
final class PrivilegeFieldWriteRule implements Rule {
    static final Set<String> PRIVILEGE_FIELDS = Set.of("role", "roles", "userrole", "userroles", "isadmin", "admin",
            "issuperuser", "superuser", "isstaff", "permissions", "permission", "privileges", "privilege",
            "accesslevel", "usertype", "isroot", "isverified", "emailverified", "isowner");

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API3_PRIVILEGE_FIELD_WRITE);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.isWrite() || !call.succeeded() || managesPrivileges(call.endpoint().template())) {
            return;
        }
        Set<String> reported = new HashSet<>();
        for (ObservedCall.BodyField field : call.requestFields()) {
            String name = lastName(field.path());
            if (!PRIVILEGE_FIELDS.contains(CredentialNames.normalise(name))) {
                continue;
            }
            String path = field.path().replaceAll("\\[]$", "");
            if (!reported.add(path)) {
                continue;
            }
            boolean reflected = call.responseText().contains("\"" + name + "\"");
            sink.report(Occurrence.of(RuleId.API3_PRIVILEGE_FIELD_WRITE, call, Evidence.at(EvidenceLocation.REQUEST_BODY)
                            .withField(path).withFact("reflectedInResponse", reflected))
                    .severity(reflected ? Severity.HIGH : Severity.MEDIUM));
        }
    }

    /** The last member name of a body path ({@code user.roles[]} → {@code roles}; {@code user[role]} → {@code role}). */
    static String lastName(String path) {
        String p = path.replace("[]", "");
        if (p.endsWith("]")) {
            int open = p.lastIndexOf('[');
            return open < 0 ? p : p.substring(open + 1, p.length() - 1);
        }
        int dot = p.lastIndexOf('.');
        return dot < 0 ? p : p.substring(dot + 1);
    }

    private static boolean managesPrivileges(String template) {
        for (String segment : template.split("/")) {
            if (segment.startsWith("{")) {
                continue;
            }
            String s = CredentialNames.normalise(segment);
            if (AdminRoutes.isAdminSegment(segment) || PRIVILEGE_FIELDS.contains(s) || s.equals("groups")) {
                return true;
            }
        }
        return false;
    }
}
