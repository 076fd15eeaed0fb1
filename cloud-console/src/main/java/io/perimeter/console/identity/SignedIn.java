package io.perimeter.console.identity;

import io.micronaut.http.HttpRequest;
import io.perimeter.cloud.identity.Person;
import io.perimeter.tenancy.tenant.Membership;
import io.perimeter.tenancy.tenant.Role;
import java.util.Optional;

/**
 * The person using the console, acting in one of their tenants with the role they hold there. Controllers take it as
 * a parameter; it is bound from the signed-in identity and the tenant switcher's cookie, which is checked against the
 * person's memberships on every request.
 */
public record SignedIn(Person person) {
    /** The request attribute that holds the person once a controller has bound them. */
    static final String ATTRIBUTE = "perimeter.console.signed-in";

    /** The person this request was bound to, if its controller asked for one (for the layout and error pages). */
    public static Optional<SignedIn> of(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, SignedIn.class);
    }

    public String username() {
        return person.username();
    }

    /** The tenant the person acts in. */
    public Membership tenant() {
        return person.memberships().stream().filter(m -> m.id().equals(person.tenantId())).findFirst().orElseThrow();
    }

    /** Whether the person's role includes {@code role}: what a page shows and which forms it offers. */
    public boolean may(Role role) {
        return person.role().includes(role);
    }

    public boolean mayTriage() {
        return may(Role.ANALYST);
    }

    public boolean mayAdminister() {
        return may(Role.ADMIN);
    }

    /** Whether the person belongs to more than one tenant, so the switcher is worth showing. */
    public boolean switches() {
        return person.memberships().size() > 1;
    }
}
