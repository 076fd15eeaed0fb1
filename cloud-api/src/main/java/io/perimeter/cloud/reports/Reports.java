package io.perimeter.cloud.reports;

import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's compliance reports: analysts and above request them (audited), every member reads their status and
 * downloads them. The API and the console both come through here.
 */
@Singleton
public final class Reports {
    static final int LIST_LIMIT = 100;

    private final TenantTransactions transactions;
    private final ReportJobs jobs;
    private final ReportWorker worker;
    private final AuditLog audit;
    private final Clock clock;

    Reports(TenantTransactions transactions, ReportJobs jobs, ReportWorker worker, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.jobs = jobs;
        this.worker = worker;
        this.audit = audit;
        this.clock = clock;
    }

    /** Queues a report and starts it in the background (analyst). */
    public ReportView request(Person person, ReportRequest request) {
        person.require(Role.ANALYST);
        List<String> errors = new ArrayList<>();
        ReportKind kind = ReportKind.of(request.kind()).orElse(null);
        ReportFormat format = ReportFormat.of(request.format()).orElse(null);
        if (kind == null) {
            errors.add("kind: must be one of " + String.join(", ", ReportKind.ids()));
        }
        if (format == null) {
            errors.add("format: must be one of " + String.join(", ", ReportFormat.ids()));
        }
        // Stored at the database's precision, so that the job shows the end its runs use.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (request.from() != null && request.to() != null && !request.from().isBefore(request.to())) {
            errors.add("from: must be before to");
        }
        if (request.from() != null && (request.to() == null ? !request.from().isBefore(now)
                : request.from().isAfter(now))) {
            errors.add("from: must not be in the future");
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-report-request", "the report request is not valid", errors);
        }
        UUID tenant = person.tenantId();
        UUID id = UUID.randomUUID();
        // Without an end the window ends now, fixed on the job: a run later (a retry after a stopped worker) reads
        // the same window, not data that arrived since.
        Instant to = request.to() != null ? request.to() : now;
        ReportView view = transactions.write(tenant, () -> {
            jobs.insert(tenant, id, kind, format, request.from(), to, person.actor(), now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("kind", kind.id());
            detail.put("format", format.id());
            detail.put("from", request.from() == null ? "" : request.from().toString());
            detail.put("to", to.toString());
            audit.record(tenant, person.actor(), "report.requested", "report", id.toString(), detail);
            return ReportView.of(jobs.find(tenant, id).orElseThrow());
        });
        worker.submit(tenant, id);
        return view;
    }

    public List<ReportView> list(Person person) {
        UUID tenant = person.tenantId();
        return transactions.read(tenant, () -> jobs.recent(tenant, LIST_LIMIT).stream().map(ReportView::of).toList());
    }

    public ReportView get(Person person, UUID id) {
        UUID tenant = person.tenantId();
        return transactions.read(tenant, () -> jobs.find(tenant, id).map(ReportView::of)
                .orElseThrow(() -> ApiException.notFound("report")));
    }

    /** The finished file: 404 if there is no such report, 409 while it is not done. */
    public ReportFile content(Person person, UUID id) {
        UUID tenant = person.tenantId();
        return transactions.read(tenant, () -> {
            ReportJob job = jobs.find(tenant, id).orElseThrow(() -> ApiException.notFound("report"));
            return jobs.file(tenant, id).orElseThrow(() -> ApiException.conflict("report-not-ready",
                    "the report is " + job.status() + (ReportJob.RUNNING.equals(job.status())
                            ? " (" + job.progress() + "%)" : "") + "; download it once it is done"));
        });
    }
}
