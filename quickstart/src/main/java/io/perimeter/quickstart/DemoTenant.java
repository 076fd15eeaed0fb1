package io.perimeter.quickstart;

import io.micronaut.context.ApplicationContext;
import io.perimeter.cloud.edges.Enrollment;
import io.perimeter.cloud.edges.EnrollmentRequests;
import io.perimeter.cloud.identity.People;
import io.perimeter.cloud.identity.Person;
import io.perimeter.tenancy.provisioning.FirstAdmin;
import io.perimeter.tenancy.tenant.Membership;
import io.perimeter.tenancy.tenant.Tenant;
import io.perimeter.tenancy.tenant.TenantOnboarding;
import java.util.List;

/**
 * The quick start's tenant, {@value #SLUG}, and its first owner, {@value #OWNER}, through the same onboarding the
 * platform operator uses. Onboarding is idempotent, so a second run finds them.
 */
final class DemoTenant {
    static final String SLUG = "demo";
    static final String OWNER = "demo-owner";
    static final String EDGE_NAME = "quickstart-edge";
    private static final int TOKEN_MINUTES = 15;

    private final ApplicationContext api;
    private final Tenant tenant;

    private DemoTenant(ApplicationContext api, Tenant tenant) {
        this.api = api;
        this.tenant = tenant;
    }

    static DemoTenant onboard(ApplicationContext api) {
        Tenant tenant = api.getBean(TenantOnboarding.class)
                .onboard(SLUG, "Demo", new FirstAdmin(OWNER, OWNER + "@demo.example"), "quickstart");
        return new DemoTenant(api, tenant);
    }

    Tenant tenant() {
        return tenant;
    }

    /** A one-time enrollment token for the local edge, created by the owner as the console would on their behalf. */
    EnrollmentRequests.CreatedToken enrollmentToken() {
        List<Membership> memberships = api.getBean(People.class).memberships(OWNER);
        Membership demo = memberships.stream().filter(m -> m.slug().equals(SLUG)).findFirst()
                .orElseThrow(() -> new IllegalStateException(OWNER + " is not a member of " + SLUG));
        Person owner = new Person(OWNER, demo.id(), demo.slug(), demo.roleValue(), memberships);
        return api.getBean(Enrollment.class)
                .createToken(owner, new EnrollmentRequests.CreateToken(EDGE_NAME, TOKEN_MINUTES));
    }
}
