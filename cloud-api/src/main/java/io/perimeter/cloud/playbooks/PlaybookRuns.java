package io.perimeter.cloud.playbooks;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.perimeter.cloud.findings.FindingCatalog;
import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.playbooks.delivery.Deliverer;
import io.perimeter.cloud.playbooks.delivery.DeliveryAttempt;
import io.perimeter.cloud.playbooks.delivery.OutgoingRequest;
import io.perimeter.cloud.playbooks.delivery.WebhookSignature;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.cloud.query.Columns;
import io.perimeter.cloud.query.SqlRows;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs of playbooks on findings. A dry run renders every action and stores what would be sent ({@code previewed}).
 * A real run whose actions change traffic (a policy with a destination) waits for approval by another member with
 * the analyst role or above — never the one who asked — and is sent once approved; other real runs are sent at once.
 * Sending happens outside any database transaction (a slow destination holds no lock); each attempt and the
 * outcome of each action are recorded and written to the audit trail. A run is claimed by moving it to
 * {@code running} under a row lock, so two approvals cannot send it twice.
 */
@Singleton
public final class PlaybookRuns {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookRuns.class);
    private static final String SELECT = "SELECT id, finding_id, playbook_ref, playbook::text AS playbook, "
            + "actions::text AS actions, dry_run, status, requested_by, requested_at, decided_by, decided_at, "
            + "finished_at FROM playbook_runs";

    private final TenantTransactions transactions;
    private final FindingCatalog findings;
    private final PlaybookLibrary library;
    private final PlaybookStore store;
    private final ActionRendering rendering;
    private final Deliverer deliverer;
    private final JdbcOperations jdbc;
    private final SqlRows rows;
    private final AuditLog audit;
    private final Clock clock;

    PlaybookRuns(TenantTransactions transactions, FindingCatalog findings, PlaybookLibrary library,
                 PlaybookStore store, ActionRendering rendering, Deliverer deliverer, JdbcOperations jdbc,
                 SqlRows rows, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.findings = findings;
        this.library = library;
        this.store = store;
        this.rendering = rendering;
        this.deliverer = deliverer;
        this.jdbc = jdbc;
        this.rows = rows;
        this.audit = audit;
        this.clock = clock;
    }

    /** The playbook that applies to the finding and its actions rendered, nothing stored (every member). */
    public Map<String, Object> preview(Person person, UUID findingId) {
        UUID tenant = person.tenantId();
        return transactions.read(tenant, () -> {
            FindingSubject finding = FindingSubject.of(findings.get(tenant, findingId).finding());
            Playbook playbook = library.forFinding(tenant, finding.rule(), finding.category()).orElse(null);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("finding", finding);
            if (playbook != null) {
                out.put("playbook", playbook);
                out.put("needsApproval", playbook.needsApproval());
                out.put("actions", rendering.render(UUID.randomUUID(), playbook, finding,
                        id -> store.destination(tenant, id)));
            }
            return out;
        });
    }

    /** Asks for a run (analyst): a dry run, or a real one that is sent now or waits for approval. */
    public RunView start(Person analyst, UUID findingId, PlaybookRequests.RunRequest request) {
        UUID tenant = analyst.tenantId();
        boolean dryRun = request.dryRun() == null || request.dryRun();
        UUID runId = UUID.randomUUID();
        String status = transactions.write(tenant, () -> {
            FindingSubject finding = FindingSubject.of(findings.get(tenant, findingId).finding());
            analyst.require(Role.ANALYST);
            Playbook playbook = request.playbookId() == null
                    ? library.forFinding(tenant, finding.rule(), finding.category()).orElseThrow(
                            () -> ApiException.unprocessable("no-playbook", "no playbook applies to this finding; "
                                    + "name one with playbookId", List.of()))
                    : library.find(tenant, request.playbookId()).orElseThrow(() -> ApiException.unprocessable(
                            "no-playbook", "no playbook with that id in this tenant", List.of()));
            List<RenderedAction> actions = rendering.render(runId, playbook, finding,
                    id -> store.destination(tenant, id));
            String initial = dryRun ? "previewed" : playbook.needsApproval() ? "awaiting_approval" : "running";
            insert(tenant, runId, findingId, playbook, actions, dryRun, initial, analyst.actor());
            audit.record(tenant, analyst.actor(), dryRun ? "playbook.dry-run" : "playbook.run-requested",
                    "playbook-run", runId.toString(), Map.of("finding", findingId.toString(), "playbook",
                            playbook.id(), "status", initial));
            return initial;
        });
        if ("running".equals(status)) {
            send(tenant, runId);
        }
        return get(tenant, runId);
    }

    /** Approves a run that waits (analyst, not the one who asked), then sends it. */
    public RunView approve(Person approver, UUID runId) {
        UUID tenant = approver.tenantId();
        transactions.write(tenant, () -> {
            RunRow run = lock(tenant, runId);
            approver.require(Role.ANALYST);
            awaiting(run);
            if (run.requestedBy().equals(approver.actor())) {
                throw ApiException.forbidden("approval-by-requester", "a run that changes traffic needs the approval "
                        + "of another analyst, admin or owner than the one who asked for it");
            }
            decide(tenant, runId, "running", approver.actor());
            audit.record(tenant, approver.actor(), "playbook.run-approved", "playbook-run", runId.toString(),
                    Map.of("requestedBy", run.requestedBy()));
            return null;
        });
        send(tenant, runId);
        return get(tenant, runId);
    }

    /** Refuses a run that waits (analyst, the one who asked included). */
    public RunView reject(Person analyst, UUID runId) {
        UUID tenant = analyst.tenantId();
        transactions.write(tenant, () -> {
            RunRow run = lock(tenant, runId);
            analyst.require(Role.ANALYST);
            awaiting(run);
            decide(tenant, runId, "rejected", analyst.actor());
            jdbc.prepareStatement("UPDATE playbook_runs SET finished_at = ? WHERE tenant_id = ? AND id = ?", s -> {
                s.setTimestamp(1, Timestamp.from(clock.instant()));
                s.setObject(2, tenant);
                s.setObject(3, runId);
                return s.executeUpdate();
            });
            audit.record(tenant, analyst.actor(), "playbook.run-rejected", "playbook-run", runId.toString(), Map.of());
            return null;
        });
        return get(tenant, runId);
    }

    public RunView get(UUID tenant, UUID runId) {
        return transactions.read(tenant, () -> view(tenant, rows.first(SELECT + " WHERE tenant_id = ? AND id = ?",
                List.of(tenant, runId), this::row).orElseThrow(() -> ApiException.notFound("playbook run"))));
    }

    public List<RunView> forFinding(UUID tenant, UUID findingId) {
        return transactions.read(tenant, () -> {
            findings.get(tenant, findingId);
            return rows.list(SELECT + " WHERE tenant_id = ? AND finding_id = ? ORDER BY requested_at DESC LIMIT 50",
                    List.of(tenant, findingId), this::row).stream().map(run -> view(tenant, run)).toList();
        });
    }

    /**
     * Sends every action with requests, outside a transaction. Each attempt is recorded in its own transaction as
     * soon as it has ended (it is also the run's heartbeat for {@link StalledRuns}), each action's outcome is audited
     * as soon as the action is done, and the run ends {@code succeeded} or {@code failed}. An unexpected error ends the
     * run {@code failed} too; if even that cannot be written, the sweep of stalled runs ends it later.
     */
    private void send(UUID tenant, UUID runId) {
        try {
            RunRow run = transactions.read(tenant, () -> rows.first(SELECT + " WHERE tenant_id = ? AND id = ?",
                    List.of(tenant, runId), this::row).orElseThrow());
            boolean allDelivered = true;
            for (RenderedAction action : run.actions()) {
                allDelivered &= deliver(tenant, runId, action);
            }
            finish(tenant, runId, allDelivered ? "succeeded" : "failed", allDelivered ? "delivered" : "not-delivered");
        } catch (RuntimeException e) {
            LOG.error("playbook run {} of tenant {} stopped by an error; ending it failed", runId, tenant, e);
            try {
                finish(tenant, runId, "failed", "error");
            } catch (RuntimeException again) {
                LOG.error("playbook run {} of tenant {} could not be ended; the sweep of stalled runs will end it",
                        runId, tenant, again);
            }
        }
    }

    /** One action: its requests sent in order (stopping at the first that fails), each attempt recorded at once. */
    private boolean deliver(UUID tenant, UUID runId, RenderedAction action) {
        if (action.destination() == null || action.error() != null) {
            return action.error() == null;
        }
        Destination destination = transactions.read(tenant,
                () -> store.destination(tenant, action.destination().id())).orElse(null);
        UUID destinationId = action.destination().id();
        int attempts = 0;
        DeliveryAttempt last = null;
        if (destination == null) {
            last = new DeliveryAttempt(1, null, "failed", "the destination no longer exists");
            record(tenant, runId, action.index(), destinationId, last);
            attempts = 1;
        } else {
            for (PlannedRequest planned : action.requests()) {
                List<DeliveryAttempt> result = deliverer.send(outgoing(destination, planned),
                        attempt -> record(tenant, runId, action.index(), destinationId, attempt));
                attempts += result.size();
                last = result.getLast();
                if (!"delivered".equals(last.outcome())) {
                    break;
                }
            }
        }
        if (last == null) {
            return true;
        }
        boolean delivered = "delivered".equals(last.outcome());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("run", runId.toString());
        detail.put("action", action.index());
        detail.put("destination", destinationId.toString());
        detail.put("attempts", attempts);
        detail.put("httpStatus", last.httpStatus() == null ? 0 : last.httpStatus());
        transactions.write(tenant, () -> {
            audit.record(tenant, "perimeter", delivered ? "playbook.action-delivered" : "playbook.action-failed",
                    "playbook-run", runId.toString(), detail);
            return null;
        });
        return delivered;
    }

    private void record(UUID tenant, UUID runId, int action, UUID destination, DeliveryAttempt attempt) {
        transactions.write(tenant, () -> jdbc.prepareStatement("INSERT INTO playbook_deliveries (tenant_id, run_id, "
                + "action, destination, attempt, at, http_status, outcome, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                    s.setObject(1, tenant);
                    s.setObject(2, runId);
                    s.setInt(3, action);
                    s.setObject(4, destination);
                    s.setInt(5, attempt.attempt());
                    s.setTimestamp(6, Timestamp.from(clock.instant()));
                    s.setObject(7, attempt.httpStatus());
                    s.setString(8, attempt.outcome());
                    s.setString(9, attempt.error());
                    return s.executeUpdate();
                }));
    }

    /** Ends a run that is still running (one the sweep has ended already stays as it is) and audits it. */
    private void finish(UUID tenant, UUID runId, String status, String outcome) {
        transactions.write(tenant, () -> {
            int updated = jdbc.prepareStatement("UPDATE playbook_runs SET status = ?, finished_at = ? "
                    + "WHERE tenant_id = ? AND id = ? AND status = 'running'", s -> {
                        s.setString(1, status);
                        s.setTimestamp(2, Timestamp.from(clock.instant()));
                        s.setObject(3, tenant);
                        s.setObject(4, runId);
                        return s.executeUpdate();
                    });
            if (updated == 1) {
                audit.record(tenant, "perimeter", "playbook.run-finished", "playbook-run", runId.toString(),
                        Map.of("status", status, "outcome", outcome));
            }
            return null;
        });
    }

    /**
     * Ends as {@code failed} (outcome {@code interrupted}) every run of the tenant still {@code running} whose last
     * sign of life — its approval, its request, or its last recorded delivery attempt — is older than {@code before}:
     * the instance sending it stopped. Each is audited. Several instances may sweep at once: a run is ended by one
     * conditional update. Runs in the calling transaction.
     */
    List<UUID> interruptStalled(UUID tenant, Instant before) {
        Timestamp now = Timestamp.from(clock.instant());
        List<UUID> ended = rows.list("UPDATE playbook_runs r SET status = 'failed', finished_at = ? "
                + "WHERE r.tenant_id = ? AND r.status = 'running' AND greatest(r.requested_at, r.decided_at, "
                + "(SELECT max(d.at) FROM playbook_deliveries d WHERE d.tenant_id = r.tenant_id AND d.run_id = r.id)) "
                + "< ? RETURNING r.id", List.of(now, tenant, Timestamp.from(before)), row -> Columns.uuid(row, "id"));
        for (UUID run : ended) {
            audit.record(tenant, "perimeter", "playbook.run-finished", "playbook-run", run.toString(),
                    Map.of("status", "failed", "outcome", "interrupted"));
        }
        return ended;
    }

    /** The request with its credentials: signature, basic auth or admin token, added only now. */
    private OutgoingRequest outgoing(Destination destination, PlannedRequest planned) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        switch (destination.kind()) {
            case "webhook" -> {
                long now = clock.instant().getEpochSecond();
                headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(now));
                headers.put(WebhookSignature.SIGNATURE_HEADER,
                        WebhookSignature.sign(destination.secret(), now, planned.body()));
            }
            case "jira" -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (destination.settings().get("username") + ":" + destination.secret())
                            .getBytes(StandardCharsets.UTF_8)));
            case "kong" -> {
                if (destination.secret() != null) {
                    headers.put("Kong-Admin-Token", destination.secret());
                }
            }
            default -> {
            }
        }
        String base = destination.url().endsWith("/") && planned.path().startsWith("/")
                ? destination.url().substring(0, destination.url().length() - 1) : destination.url();
        return new OutgoingRequest(planned.method(), URI.create(base + planned.path()), headers, planned.body());
    }

    private void insert(UUID tenant, UUID id, UUID findingId, Playbook playbook, List<RenderedAction> actions,
                        boolean dryRun, String status, String actor) {
        jdbc.prepareStatement("INSERT INTO playbook_runs (id, tenant_id, finding_id, playbook_ref, playbook, actions, "
                + "dry_run, status, requested_by, requested_at, finished_at) "
                + "VALUES (?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), ?, ?, ?, ?, ?)", s -> {
            Timestamp now = Timestamp.from(clock.instant());
            s.setObject(1, id);
            s.setObject(2, tenant);
            s.setObject(3, findingId);
            s.setString(4, playbook.id());
            s.setString(5, store.write(playbook));
            s.setString(6, store.write(actions));
            s.setBoolean(7, dryRun);
            s.setString(8, status);
            s.setString(9, actor);
            s.setTimestamp(10, now);
            s.setTimestamp(11, dryRun ? now : null);
            return s.executeUpdate();
        });
    }

    private RunRow lock(UUID tenant, UUID runId) {
        return rows.first(SELECT + " WHERE tenant_id = ? AND id = ? FOR UPDATE", List.of(tenant, runId), this::row)
                .orElseThrow(() -> ApiException.notFound("playbook run"));
    }

    private static void awaiting(RunRow run) {
        if (!"awaiting_approval".equals(run.status())) {
            throw ApiException.conflict("not-awaiting-approval", "the run is " + run.status()
                    + "; only a run awaiting approval can be approved or rejected");
        }
    }

    private void decide(UUID tenant, UUID runId, String status, String actor) {
        jdbc.prepareStatement("UPDATE playbook_runs SET status = ?, decided_by = ?, decided_at = ? "
                + "WHERE tenant_id = ? AND id = ?", s -> {
            s.setString(1, status);
            s.setString(2, actor);
            s.setTimestamp(3, Timestamp.from(clock.instant()));
            s.setObject(4, tenant);
            s.setObject(5, runId);
            return s.executeUpdate();
        });
    }

    private RunView view(UUID tenant, RunRow run) {
        List<RunView.Attempt> attempts = rows.list("SELECT action, destination, attempt, at, http_status, outcome, "
                + "error FROM playbook_deliveries WHERE tenant_id = ? AND run_id = ? ORDER BY id",
                List.of(tenant, run.id()), row -> new RunView.Attempt(row.getInt("action"),
                        Columns.uuid(row, "destination"), row.getInt("attempt"), Columns.instant(row, "at"),
                        row.getObject("http_status", Integer.class), row.getString("outcome"),
                        row.getString("error")));
        return new RunView(run.id(), run.findingId(), run.playbookRef(), run.playbook(), run.dryRun(), run.status(),
                run.playbook().needsApproval(), run.requestedBy(), run.requestedAt(), run.decidedBy(),
                run.decidedAt(), run.finishedAt(), run.actions(), attempts);
    }

    private RunRow row(ResultSet row) throws SQLException {
        return new RunRow(Columns.uuid(row, "id"), Columns.uuid(row, "finding_id"), row.getString("playbook_ref"),
                store.read(row.getString("playbook"), Argument.of(Playbook.class)),
                store.read(row.getString("actions"), Argument.listOf(RenderedAction.class)),
                row.getBoolean("dry_run"), row.getString("status"), row.getString("requested_by"),
                Columns.instant(row, "requested_at"), row.getString("decided_by"), Columns.instant(row, "decided_at"),
                Columns.instant(row, "finished_at"));
    }

    private record RunRow(UUID id, UUID findingId, String playbookRef, Playbook playbook, List<RenderedAction> actions,
                          boolean dryRun, String status, String requestedBy, Instant requestedAt, String decidedBy,
                          Instant decidedAt, Instant finishedAt) {
    }

}
