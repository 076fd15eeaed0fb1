package io.perimeter.console.findings;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import io.perimeter.cloud.findings.FindingCatalog;
import io.perimeter.cloud.findings.FindingStatus;
import io.perimeter.cloud.findings.Severity;
import io.perimeter.cloud.findings.Triage;
import io.perimeter.cloud.findings.TriageRequests;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.FormCheck;
import io.perimeter.console.web.ListQuery;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Role;
import io.perimeter.console.web.CsrfProtected;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Findings: a filtered, sorted list; one finding with its redacted evidence and history; and triage (status with a
 * reason, comments, assignee) for analysts and above. A refused step (a move the workflow does not allow, a dismissal
 * without a reason) shows the finding again with the reason.
 */
@Controller("/findings")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class FindingsController {
    private static final int PAGE = 25;
    private static final List<String> CATEGORIES = List.of("API1:2023", "API2:2023", "API3:2023", "API4:2023",
            "API5:2023", "API6:2023", "API7:2023", "API8:2023", "API9:2023", "API10:2023", "ATTACK");

    private final FindingCatalog findings;
    private final Triage triage;
    private final TenantTransactions transactions;
    private final MemberRepository members;
    private final FormCheck forms;

    FindingsController(FindingCatalog findings, Triage triage, TenantTransactions transactions,
                       MemberRepository members, FormCheck forms) {
        this.findings = findings;
        this.triage = triage;
        this.transactions = transactions;
        this.members = members;
        this.forms = forms;
    }

    @Get
    @View("findings/list")
    Map<String, Object> list(SignedIn signedIn, @QueryValue @Nullable String severity,
                             @QueryValue @Nullable String status, @QueryValue @Nullable String category,
                             @QueryValue @Nullable String assignee, @QueryValue @Nullable String sort,
                             @QueryValue @Nullable String cursor) {
        ListQuery query = ListQuery.of("/findings", sort, "lastSeen", cursor)
                .with("severity", severity).with("status", status).with("category", category)
                .with("assignee", assignee);
        var filter = new FindingCatalog.Filter(ListQuery.values(severity), ListQuery.values(status),
                ListQuery.values(category), null, null, ListQuery.blankToNull(assignee));
        return Map.of("page", findings.list(signedIn.person().tenantId(), filter, query.sort(), cursor, PAGE),
                "query", query, "severities", Severity.ids(), "statuses", FindingStatus.ids(),
                "categories", CATEGORIES, "sorts", List.of("lastSeen", "firstSeen", "severity", "count"));
    }

    @Get("/{findingId}")
    @View("findings/show")
    Map<String, Object> show(SignedIn signedIn, UUID findingId) {
        return detail(signedIn, findingId, null);
    }

    @Post("/{findingId}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> status(SignedIn signedIn, UUID findingId, @Body("status") @Nullable String status,
                           @Body("comment") @Nullable String comment,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var request = new TriageRequests.Transition(ListQuery.blankToNull(status), ListQuery.blankToNull(comment));
        return step(signedIn, findingId, request, () -> triage.transition(signedIn.person(), findingId, request));
    }

    @Post("/{findingId}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> comment(SignedIn signedIn, UUID findingId, @Body("comment") @Nullable String comment,
                            @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var request = new TriageRequests.Comment(ListQuery.blankToNull(comment));
        return step(signedIn, findingId, request, () -> triage.comment(signedIn.person(), findingId, request));
    }

    @Post("/{findingId}/assignee")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> assign(SignedIn signedIn, UUID findingId, @Body("assignee") @Nullable String assignee,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        var request = new TriageRequests.Assignment(ListQuery.blankToNull(assignee));
        return step(signedIn, findingId, request, () -> triage.assign(signedIn.person(), findingId, request));
    }

    /** Runs a triage step, then shows the finding: after a redirect when it worked, with the reason when not. */
    private HttpResponse<?> step(SignedIn signedIn, UUID findingId, Object request, Supplier<?> work) {
        findings.get(signedIn.person().tenantId(), findingId);
        signedIn.person().require(Role.ANALYST);
        String problem = forms.problems(request).orElse(null);
        if (problem == null) {
            try {
                work.get();
                return HttpResponse.seeOther(URI.create("/findings/" + findingId + "#history"));
            } catch (ApiException refused) {
                if (refused.status().getCode() != 409 && refused.status().getCode() != 422) {
                    throw refused;
                }
                problem = refused.getMessage();
            }
        }
        return HttpResponse.unprocessableEntity()
                .body(new ModelAndView<>("findings/show", detail(signedIn, findingId, problem)));
    }

    private Map<String, Object> detail(SignedIn signedIn, UUID findingId, @Nullable String problem) {
        UUID tenant = signedIn.person().tenantId();
        var finding = findings.get(tenant, findingId);
        Map<String, Object> model = new HashMap<>();
        model.put("finding", finding.finding());
        model.put("history", finding.history());
        model.put("next", FindingStatus.of(finding.finding().status()).orElseThrow().next().stream()
                .map(FindingStatus::id).sorted().toList());
        model.put("members", transactions.read(tenant, () -> members.listInTenant(tenant)).stream()
                .map(m -> m.key().username()).toList());
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }
}
