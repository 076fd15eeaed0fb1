package io.perimeter.console.identity;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perimeter.console.web.CsrfProtected;
import java.net.URI;

/** The tenant switcher: remembers the chosen tenant if the person belongs to it, and goes to its dashboard. */
@Controller("/tenant")
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class TenantSwitchController {

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> choose(SignedIn signedIn, HttpRequest<?> request, @Body("tenant") String tenant,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var home = HttpResponse.seeOther(URI.create("/"));
        boolean member = signedIn.person().memberships().stream().anyMatch(m -> m.slug().equals(tenant));
        return member ? home.cookie(TenantChoice.cookie(request, tenant)) : home;
    }
}
