package io.perimeter.console.playbooks;

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
import io.perimeter.cloud.findings.FindingCatalog;
import io.perimeter.cloud.playbooks.PlaybookRequests;
import io.perimeter.cloud.playbooks.PlaybookRuns;
import io.perimeter.cloud.playbooks.RunView;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.CsrfProtected;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The playbook of one finding: its steps, every action rendered (the dry-run preview: policy files and what would be
 * sent where), the runs with their attempts, and forms to dry-run, run, approve or reject (analysts; approval by
 * another analyst than the one who asked).
 */
@Controller("/findings/{findingId}/playbook")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class FindingPlaybookController {
    private final FindingCatalog findings;
    private final PlaybookRuns runs;

    FindingPlaybookController(FindingCatalog findings, PlaybookRuns runs) {
        this.findings = findings;
        this.runs = runs;
    }

    @Get
    @View("playbooks/finding")
    Map<String, Object> show(SignedIn signedIn, UUID findingId) {
        return model(signedIn, findingId, null);
    }

    @Post("/runs")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> run(SignedIn signedIn, UUID findingId, @Body("dryRun") @Nullable String dryRun,
                        @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        findings.get(signedIn.person().tenantId(), findingId);
        return step(signedIn, findingId, () -> runs.start(signedIn.person(), findingId,
                new PlaybookRequests.RunRequest(null, !"false".equals(dryRun))));
    }

    @Post("/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decide(SignedIn signedIn, UUID findingId, @Body("runId") @Nullable String runId,
                           @Body("decision") @Nullable String decision,
                           @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        UUID tenant = signedIn.person().tenantId();
        findings.get(tenant, findingId);
        UUID run;
        try {
            run = UUID.fromString(runId == null ? "" : runId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("playbook run");
        }
        if (!runs.get(tenant, run).findingId().equals(findingId)) {
            throw ApiException.notFound("playbook run");
        }
        return step(signedIn, findingId, () -> "approve".equals(decision) ? runs.approve(signedIn.person(), run)
                : runs.reject(signedIn.person(), run));
    }

    private HttpResponse<?> step(SignedIn signedIn, UUID findingId, java.util.function.Supplier<RunView> work) {
        try {
            RunView run = work.get();
            return HttpResponse.seeOther(URI.create("/findings/" + findingId + "/playbook#run-" + run.id()));
        } catch (ApiException refused) {
            if (refused.status().getCode() == 404) {
                throw refused;
            }
            return HttpResponse.status(refused.status()).body(new ModelAndView<>("playbooks/finding",
                    model(signedIn, findingId, PlaybooksController.describe(refused))));
        }
    }

    private Map<String, Object> model(SignedIn signedIn, UUID findingId, @Nullable String problem) {
        Map<String, Object> model = new HashMap<>(runs.preview(signedIn.person(), findingId));
        model.put("runs", runs.forFinding(signedIn.person().tenantId(), findingId));
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }
}
