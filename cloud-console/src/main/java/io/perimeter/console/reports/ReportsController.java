package io.perimeter.console.reports;

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
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.cloud.reports.ReportRequest;
import io.perimeter.cloud.reports.ReportView;
import io.perimeter.cloud.reports.Reports;
import io.perimeter.console.identity.SignedIn;
import io.perimeter.console.web.CsrfProtected;
import io.perimeter.console.web.FormCheck;
import io.perimeter.tenancy.tenant.Role;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Compliance reports in the console: the tenant's reports with their progress, the form analysts request one with
 * (dates are whole UTC days: from the start of the first to the end of the last), and downloads. The page has no
 * script: while a report is queued or running it asks the browser to reload it every few seconds (a refresh meta
 * element, which the content security policy does not restrict), so the progress advances on its own.
 */
@Controller("/reports")
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportsController {
    static final int REFRESH_SECONDS = 3;

    private final Reports reports;
    private final FormCheck forms;

    ReportsController(Reports reports, FormCheck forms) {
        this.reports = reports;
        this.forms = forms;
    }

    /** What the request form shows: the defaults, or what the person chose when it was refused. */
    record RequestForm(String kind, String format, String from, String to) {
    }

    @Get
    HttpResponse<?> list(SignedIn signedIn) {
        return HttpResponse.ok(new ModelAndView<>("reports/list", page(signedIn, null, null)));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> request(SignedIn signedIn, @Body("kind") @Nullable String kind,
                            @Body("format") @Nullable String format, @Body("from") @Nullable String from,
                            @Body("to") @Nullable String to, @Body(CsrfProtected.FIELD) @Nullable String csrfToken) {
        signedIn.person().require(Role.ANALYST);
        RequestForm form = new RequestForm(orEmpty(kind), orEmpty(format), orEmpty(from), orEmpty(to));
        String problem;
        try {
            ReportRequest request = new ReportRequest(form.kind(), form.format(), day(form.from(), "from", 0),
                    day(form.to(), "to", 1));
            problem = forms.problems(request).orElse(null);
            if (problem == null) {
                reports.request(signedIn.person(), request);
                return HttpResponse.seeOther(URI.create("/reports"));
            }
        } catch (ApiException refused) {
            if (refused.status().getCode() != 422) {
                throw refused;
            }
            problem = refused.errors().isEmpty() ? refused.getMessage() : String.join("; ", refused.errors());
        }
        return HttpResponse.unprocessableEntity().body(new ModelAndView<>("reports/list",
                page(signedIn, form, problem)));
    }

    /** The finished file, as an attachment; the not-found page for another tenant's report. */
    @Get("/{reportId}/download")
    HttpResponse<byte[]> download(SignedIn signedIn, UUID reportId) {
        return reports.content(signedIn.person(), reportId).asAttachment();
    }

    private Map<String, Object> page(SignedIn signedIn, @Nullable RequestForm form, @Nullable String problem) {
        List<ReportView> list = reports.list(signedIn.person());
        Map<String, Object> model = new HashMap<>();
        model.put("reports", list);
        model.put("form", form == null ? new RequestForm("gdpr", "pdf", "", "") : form);
        if (list.stream().anyMatch(ReportView::pending)) {
            model.put("refresh", REFRESH_SECONDS);
        }
        if (problem != null) {
            model.put("problem", problem);
        }
        return model;
    }

    /** A date of the form as the start of that UTC day plus {@code plusDays}; null when blank. */
    private static @Nullable Instant day(String value, String field, int plusDays) {
        if (value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip()).plusDays(plusDays).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.unprocessable("invalid-date", field + ": not a date (yyyy-mm-dd)",
                    List.of(field + ": not a date (yyyy-mm-dd)"));
        }
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }
}
