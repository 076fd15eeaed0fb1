package io.perimeter.console.edges;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.perimeter.cloud.edges.EdgeRepository;
import io.perimeter.cloud.edges.EdgeView;
import io.perimeter.cloud.edges.Enrollment;
import io.perimeter.cloud.edges.EnrollmentRequests;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.FormCheck;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.console.web.CsrfProtected;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tenant's edges: every member sees them with their last contact, version and capture counters; admins enroll
 * new ones (the one-time token and its install command are shown once, on the answer to the form) and revoke them.
 */
@Controller("/edges")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class EdgesController {
    private final TenantTransactions transactions;
    private final EdgeRepository edges;
    private final Enrollment enrollment;
    private final FormCheck forms;

    EdgesController(TenantTransactions transactions, EdgeRepository edges, Enrollment enrollment, FormCheck forms) {
        this.transactions = transactions;
        this.edges = edges;
        this.enrollment = enrollment;
        this.forms = forms;
    }

    /** What the enroll form shows: the default, or what the person typed when it was refused. */
    record EnrollForm(String edgeName, @Nullable Integer validMinutes) {
    }

    @Get
    @View("edges/list")
    Map<String, Object> list(SignedIn signedIn) {
        return page(signedIn, null, null);
    }

    @Post("/enroll")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> enroll(SignedIn signedIn, @Body("edgeName") @Nullable String edgeName,
                           @Body("validMinutes") @Nullable Integer validMinutes,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        signedIn.person().require(Role.ADMIN);
        var form = new EnrollForm(edgeName == null ? "" : edgeName.strip(), validMinutes);
        var request = new EnrollmentRequests.CreateToken(form.edgeName(), validMinutes);
        return forms.problems(request)
                .<HttpResponse<?>>map(problem -> HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                        .body(new ModelAndView<>("edges/list", page(signedIn, form, problem))))
                .orElseGet(() -> HttpResponse.ok(new ModelAndView<>("edges/enrolled",
                        Map.of("enrolled", enrollment.createToken(signedIn.person(), request)))));
    }

    @Post("/{edgeId}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revoke(SignedIn signedIn, UUID edgeId, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        enrollment.revoke(signedIn.person(), edgeId);
        return HttpResponse.seeOther(URI.create("/edges"));
    }

    private Map<String, Object> page(SignedIn signedIn, @Nullable EnrollForm form, @Nullable String problem) {
        UUID tenant = signedIn.person().tenantId();
        List<EdgeView> list = transactions.read(tenant,
                () -> edges.listInTenant(tenant).stream().map(EdgeView::of).toList());
        Map<String, Object> model = new HashMap<>();
        model.put("edges", list);
        model.put("form", form == null ? new EnrollForm("", 60) : form);
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }
}
