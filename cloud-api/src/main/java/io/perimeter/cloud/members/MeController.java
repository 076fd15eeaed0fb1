package io.perimeter.cloud.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perimeter.cloud.identity.Operator;
import io.perimeter.cloud.identity.People;
import io.perimeter.cloud.identity.Person;
import io.perimeter.tenancy.tenant.Membership;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/**
 * Who the caller is. Unlike the tenant's routes it answers people of no tenant or of several (without
 * {@code X-Perimeter-Tenant}) too, because that is what a console asks before it knows which tenant to show.
 */
@Controller("/api/v1/me")
@Secured("person")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "members")
@SecurityRequirement(name = "keycloak")
class MeController {
    private final People people;

    MeController(People people) {
        this.people = people;
    }

    @Get
    MeView me(Authentication authentication, @Header("X-Perimeter-Tenant") @Nullable String tenant) {
        String username = People.username(authentication);
        List<Membership> memberships = people.memberships(username);
        MeView.Tenant current = null;
        if (tenant != null && !tenant.isBlank() || memberships.size() == 1) {
            Person person = people.resolve(authentication, tenant);
            current = new MeView.Tenant(person.tenantId(), person.tenantSlug(), memberships.stream()
                    .filter(m -> m.id().equals(person.tenantId())).map(Membership::name).findFirst().orElseThrow(),
                    person.role().id());
        }
        return new MeView(username, authentication.getRoles().contains(Operator.ROLE),
                memberships.stream().map(m -> new MeView.Tenant(m.id(), m.slug(), m.name(), m.role())).toList(),
                current);
    }
}
