package io.perimeter.cloud.identity;

import io.micronaut.security.authentication.Authentication;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.database.Lookup;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Membership;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who a signed-in person is in the tenant a request names. The members table decides the role; when the token
 * carries Keycloak's {@code organization} claim, it must name the tenant too, so a membership removed in Keycloak
 * takes effect with the next token even before the members table hears of it.
 */
@Singleton
public final class People {
    private final TenantTransactions transactions;
    private final MemberRepository members;
    private final MembershipCache cache;

    People(TenantTransactions transactions, MemberRepository members, MembershipCache cache) {
        this.transactions = transactions;
        this.members = members;
        this.cache = cache;
    }

    /** The username a Keycloak token names. */
    public static String username(Authentication authentication) {
        Object name = authentication.getAttributes().get("preferred_username");
        return name instanceof String s && !s.isBlank() ? s : authentication.getName();
    }

    /** Every tenant {@code username} belongs to. */
    public List<Membership> memberships(String username) {
        return cache.get(username).orElseGet(() -> {
            List<Membership> loaded = transactions.lookUp(Lookup.MEMBER, username, () -> members.memberships(username));
            cache.put(username, loaded);
            return loaded;
        });
    }

    /** After a membership of {@code username} changed (and committed): the next request reads it afresh. */
    public void membershipChanged(String username) {
        cache.invalidate(username);
    }

    /**
     * The person acting in {@code requestedSlug}, or in their only tenant when none is named.
     *
     * @throws ApiException 403 when they are not a member of the tenant, 400 when they belong to several and named none
     */
    public Person resolve(Authentication authentication, String requestedSlug) {
        String username = username(authentication);
        List<Membership> memberships = memberships(username);
        Membership chosen;
        if (requestedSlug == null || requestedSlug.isBlank()) {
            if (memberships.size() != 1) {
                throw memberships.isEmpty()
                        ? ApiException.forbidden("no-tenant", "you are not a member of any tenant")
                        : ApiException.badRequest("tenant-required", "you belong to several tenants: name one in the "
                                + "X-Perimeter-Tenant header");
            }
            chosen = memberships.getFirst();
        } else {
            chosen = memberships.stream().filter(m -> m.slug().equals(requestedSlug)).findFirst()
                    .orElseThrow(() -> ApiException.forbidden("not-a-member",
                            "you are not a member of the tenant named in X-Perimeter-Tenant"));
        }
        if (!organizationClaimAllows(authentication, chosen.slug())) {
            throw ApiException.forbidden("not-a-member", "your token's organizations do not include this tenant");
        }
        return new Person(username, chosen.id(), chosen.slug(), chosen.roleValue(), memberships);
    }

    /** True when the token has no organization claim, or a claim (list of aliases, or map keyed by alias) with it. */
    private static boolean organizationClaimAllows(Authentication authentication, String slug) {
        Object claim = authentication.getAttributes().get("organization");
        return switch (claim) {
            case null -> true;
            case Map<?, ?> byAlias -> byAlias.containsKey(slug);
            case Collection<?> aliases -> aliases.contains(slug);
            default -> Optional.of(claim).map(String::valueOf).filter(slug::equals).isPresent();
        };
    }
}
