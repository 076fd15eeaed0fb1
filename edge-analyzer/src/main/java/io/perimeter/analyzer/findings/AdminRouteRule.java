package io.perimeter.analyzer.findings;

import com.fasterxml.jackson.databind.JsonNode;
import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.discovery.ServiceKey;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * API5-ADMIN-ROUTE-ORDINARY-IDENTITY: an admin-like route ({@link AdminRoutes}) answers 2xx to a caller that is not an
 * administrator as far as the traffic shows:
 *
 * <ul>
 *   <li>{@code ordinaryByClaims}: the bearer JWT has role claims ({@code role}, {@code roles}, {@code groups},
 *       {@code scope}, {@code scp}, {@code permissions}, {@code authorities}, {@code realm_access.roles},
 *       {@code resource_access.*.roles}, {@code cognito:groups}, {@code is_admin}/{@code isAdmin}/{@code admin}) and
 *       none of them is admin-like (a value containing {@code admin}, {@code superuser} or {@code root}, or an admin
 *       flag that is true);
 *   <li>{@code deniedElsewhere}: the same identity got 401/403 from an admin-like route of the same service before;
 *   <li>{@code anonymous}: the request carried no credential at all, and it was a write or the answer carried personal
 *       data or credentials (an admin login page or its static files is not counted).
 * </ul>
 */
final class AdminRouteRule implements Rule {
    private static final Set<String> ROLE_CLAIMS = Set.of("role", "roles", "groups", "scope", "scp", "permissions",
            "authorities", "cognito:groups", "realm_access", "resource_access");
    private static final Set<String> ADMIN_FLAGS = Set.of("is_admin", "isadmin", "admin", "is_superuser", "superuser");

    private final int maxIdentities;
    private final EngineCounters counters;
    private final TrackedEndpoints<ServiceKey, LongSet> denied;

    AdminRouteRule(FindingsSettings settings, EngineCounters counters) {
        this.maxIdentities = settings.maxPrincipalsPerEndpoint();
        this.counters = counters;
        this.denied = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                () -> new LongSet(maxIdentities));
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || call.status() < 0 || !AdminRoutes.isAdminRoute(call.endpoint().template())) {
            return;
        }
        int status = call.status();
        Optional<String> principal = call.principal();
        if ((status == 401 || status == 403) && principal.isPresent()) {
            LongSet set = denied.get(call.endpoint().service());
            if (set != null) {
                long identity = PseudonymBits.of(principal.get());
                synchronized (set) {
                    if (!set.contains(identity) && !set.add(identity)) {
                        counters.principalsDropped.increment();
                    }
                }
            }
            return;
        }
        if (!call.succeeded()) {
            return;
        }
        boolean anonymous = !call.carriesCredential() && (call.isWrite() || call.method().equals("DELETE")
                || carriesSensitiveData(call)) && !AdminRoutes.isLoginOrStatic(call.endpoint().template());
        boolean ordinaryByClaims = call.bearerJwt().map(jwt -> ordinary(jwt.claims())).orElse(false);
        boolean deniedElsewhere = false;
        if (principal.isPresent()) {
            LongSet set = denied.get(call.endpoint().service());
            if (set != null) {
                synchronized (set) {
                    deniedElsewhere = set.contains(PseudonymBits.of(principal.get()));
                }
            }
        }
        if (!anonymous && !ordinaryByClaims && !deniedElsewhere) {
            return;
        }
        sink.report(Occurrence.of(RuleId.API5_ADMIN_ROUTE_ORDINARY_IDENTITY, call,
                Evidence.at(EvidenceLocation.REQUEST_PATH)
                        .withFact("anonymous", anonymous)
                        .withFact("ordinaryByClaims", ordinaryByClaims)
                        .withFact("deniedElsewhere", deniedElsewhere)));
    }

    private static boolean carriesSensitiveData(ObservedCall call) {
        Set<DataClass> classes = EnumSet.noneOf(DataClass.class);
        classes.addAll(call.classesIn("RESPONSE_BODY"));
        classes.removeIf(c -> !ObservedCall.PERSONAL.contains(c) && !ObservedCall.CREDENTIALS.contains(c));
        return !classes.isEmpty();
    }

    /** True when the claims name roles and none is an administrator's; false when they say nothing about roles. */
    static boolean ordinary(JsonNode claims) {
        boolean roleClaims = false;
        Iterator<Map.Entry<String, JsonNode>> fields = claims.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> claim = fields.next();
            String name = claim.getKey().toLowerCase(Locale.ROOT);
            if (ADMIN_FLAGS.contains(name)) {
                roleClaims = true;
                if (claim.getValue().asBoolean(false) || claim.getValue().isTextual() && isAdminValue(claim.getValue().asText())) {
                    return false;
                }
            } else if (ROLE_CLAIMS.contains(name)) {
                roleClaims = true;
                List<String> values = new ArrayList<>();
                collect(claim.getValue(), values, 0);
                for (String value : values) {
                    if (isAdminValue(value)) {
                        return false;
                    }
                }
            }
        }
        return roleClaims;
    }

    private static void collect(JsonNode node, List<String> into, int depth) {
        if (depth > 4 || into.size() > 256) {
            return;
        }
        if (node.isTextual()) {
            for (String part : node.asText().split("[\\s,]+")) {
                into.add(part);
            }
        } else if (node.isContainerNode()) {
            for (JsonNode child : node) {
                collect(child, into, depth + 1);
            }
        }
    }

    private static boolean isAdminValue(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        return v.contains("admin") || v.contains("superuser") || v.equals("root") || v.endsWith(":root")
                || v.equals("sudo");
    }
}
