package io.perimeter.cloud.findings;

import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.tenancy.tenant.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * What analysts do to findings: move them through the workflow, comment, assign. Each step locks the finding, writes
 * its history and the audit trail in the same transaction, so a step and its record exist together or not at all.
 * The finding is looked up before the caller's role is checked: another tenant's id is a 404 for everyone, and a 403
 * would tell a viewer of another tenant that the id exists.
 */
@Singleton
public final class Triage {
    private final TenantTransactions transactions;
    private final FindingStateRepository states;
    private final FindingEventRepository events;
    private final FindingCatalog catalog;
    private final MemberRepository members;
    private final AuditLog audit;
    private final Clock clock;

    Triage(TenantTransactions transactions, FindingStateRepository states, FindingEventRepository events,
           FindingCatalog catalog, MemberRepository members, AuditLog audit, Clock clock) {
        this.transactions = transactions;
        this.states = states;
        this.events = events;
        this.catalog = catalog;
        this.members = members;
        this.audit = audit;
        this.clock = clock;
    }

    public FindingDetail transition(Person analyst, UUID findingId, TriageRequests.Transition request) {
        FindingStatus to = FindingStatus.of(request.status()).orElseThrow(() -> ApiException.unprocessable(
                "unknown-status", "status must be one of " + String.join(", ", FindingStatus.ids()), List.of()));
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        UUID tenant = analyst.tenantId();
        return transactions.write(tenant, () -> {
            FindingState state = lock(analyst, findingId);
            FindingStatus from = state.statusValue();
            if (!from.next().contains(to)) {
                throw ApiException.conflict("invalid-transition", "a finding that is " + from.id() + " can move to "
                        + String.join(" or ", from.next().stream().map(FindingStatus::id).sorted().toList())
                        + ", not to " + to.id());
            }
            if (to.needsReason() && comment == null) {
                throw ApiException.unprocessable("comment-required", "say why in comment: marking a finding "
                        + to.id() + " is what an auditor will ask about", List.of());
            }
            Instant now = clock.instant();
            states.changeStatus(tenant, findingId, to.id(), now);
            events.save(FindingEvent.transition(tenant, findingId, now, analyst.actor(), from, to, comment));
            audit.record(tenant, analyst.actor(), "finding.status-changed", "finding", findingId.toString(),
                    Map.of("from", from.id(), "to", to.id()));
            return catalog.get(tenant, findingId);
        });
    }

    public FindingEventView comment(Person analyst, UUID findingId, TriageRequests.Comment request) {
        UUID tenant = analyst.tenantId();
        return transactions.write(tenant, () -> {
            lock(analyst, findingId);
            FindingEvent event = events.save(FindingEvent.comment(tenant, findingId, clock.instant(), analyst.actor(),
                    request.comment().strip()));
            audit.record(tenant, analyst.actor(), "finding.commented", "finding", findingId.toString(),
                    Map.of("event", event.id()));
            return FindingEventView.of(event);
        });
    }

    public FindingDetail assign(Person analyst, UUID findingId, TriageRequests.Assignment request) {
        UUID tenant = analyst.tenantId();
        String assignee = request.assignee();
        return transactions.write(tenant, () -> {
            FindingState state = lock(analyst, findingId);
            if (assignee != null && members.find(tenant, assignee).isEmpty()) {
                throw ApiException.unprocessable("not-a-member", "a finding can only be assigned to a member of "
                        + analyst.tenantSlug(), List.of());
            }
            if (!Objects.equals(state.assignee(), assignee)) {
                states.assign(tenant, findingId, assignee);
                events.save(FindingEvent.assignment(tenant, findingId, clock.instant(), analyst.actor(), assignee));
                Map<String, Object> detail = new HashMap<>();
                detail.put("assignee", assignee == null ? "" : assignee);
                detail.put("previous", state.assignee() == null ? "" : state.assignee());
                audit.record(tenant, analyst.actor(), "finding.assigned", "finding", findingId.toString(), detail);
            }
            return catalog.get(tenant, findingId);
        });
    }

    /** The finding, locked; then the check that the caller may triage. */
    private FindingState lock(Person analyst, UUID findingId) {
        FindingState state = states.lock(analyst.tenantId(), findingId)
                .orElseThrow(() -> ApiException.notFound("finding"));
        analyst.require(Role.ANALYST);
        return state;
    }
}
