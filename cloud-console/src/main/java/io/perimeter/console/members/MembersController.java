package io.perimeter.console.members;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import io.perimeter.cloud.members.MemberAdministration;
import io.perimeter.cloud.members.MemberRequests;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.CsrfProtected;
import io.perimeter.console.web.FormCheck;
import io.perimeter.console.web.ListQuery;
import io.perimeter.tenancy.tenant.Role;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The tenant's members and their roles. Everyone sees the list; admins add people, change roles and remove members;
 * only owners touch owners, and a tenant keeps one owner (the members service decides all of this, the page only
 * shows its answer).
 */
@Controller("/members")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class MembersController {
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::id).toList();

    private final MemberAdministration administration;
    private final FormCheck forms;

    MembersController(MemberAdministration administration, FormCheck forms) {
        this.administration = administration;
        this.forms = forms;
    }

    @Get
    @View("members/list")
    Map<String, Object> list(SignedIn signedIn) {
        return page(signedIn, null);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> add(SignedIn signedIn, @Body("username") @Nullable String username,
                        @Body("role") @Nullable String role, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var request = new MemberRequests.NewMember(ListQuery.blankToNull(username), ListQuery.blankToNull(role));
        return step(signedIn, forms.problems(request), () -> administration.add(signedIn.person(), request));
    }

    @Post("/{username}/role")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> changeRole(SignedIn signedIn, String username, @Body("role") @Nullable String role,
                               @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var request = new MemberRequests.RoleChange(ListQuery.blankToNull(role));
        return step(signedIn, forms.problems(request),
                () -> administration.changeRole(signedIn.person(), username, request));
    }

    @Post("/{username}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> remove(SignedIn signedIn, String username,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        return step(signedIn, Optional.empty(), () -> {
            administration.remove(signedIn.person(), username);
            return null;
        });
    }

    /** A change, then the list: after a redirect when it was made, with the reason when it was refused. */
    private HttpResponse<?> step(SignedIn signedIn, Optional<String> invalid, Supplier<?> change) {
        String problem = invalid.orElse(null);
        if (problem == null) {
            try {
                change.get();
                return HttpResponse.seeOther(URI.create("/members"));
            } catch (ApiException refused) {
                if (refused.status().getCode() != 409 && refused.status().getCode() != 422) {
                    throw refused;
                }
                problem = refused.getMessage();
            }
        }
        return HttpResponse.unprocessableEntity().body(new ModelAndView<>("members/list", page(signedIn, problem)));
    }

    private Map<String, Object> page(SignedIn signedIn, @Nullable String problem) {
        Map<String, Object> model = new HashMap<>();
        model.put("members", administration.list(signedIn.person()));
        model.put("roles", ROLES);
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }
}
