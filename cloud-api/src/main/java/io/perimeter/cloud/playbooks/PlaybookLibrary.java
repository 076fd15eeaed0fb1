package io.perimeter.cloud.playbooks;

import io.perimeter.cloud.identity.Person;
import io.perimeter.cloud.problem.ApiException;
import io.perimeter.tenancy.audit.AuditLog;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.Role;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's playbooks (built-in ones and its own) and destinations. Members read them; analysts edit playbooks;
 * admins manage destinations, which carry secrets and decide where traffic policies go. Every change is in the audit
 * trail, in the change's transaction. Ids are looked up before roles are checked, so another tenant's id is a 404.
 */
@Singleton
public final class PlaybookLibrary {
    private final TenantTransactions transactions;
    private final PlaybookStore store;
    private final PlaybookRules rules;
    private final AuditLog audit;
    private final Clock clock;

    PlaybookLibrary(TenantTransactions transactions, PlaybookStore store, PlaybookRules rules, AuditLog audit,
                    Clock clock) {
        this.transactions = transactions;
        this.store = store;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    /** The tenant's own playbooks, then the built-in ones. */
    public List<Playbook> list(UUID tenant) {
        List<Playbook> all = new ArrayList<>(transactions.read(tenant, () -> store.playbooks(tenant)));
        all.addAll(DefaultPlaybooks.ALL);
        return all;
    }

    public Playbook get(UUID tenant, String id) {
        return transactions.read(tenant, () -> find(tenant, id)).orElseThrow(() -> ApiException.notFound("playbook"));
    }

    /**
     * The playbook for a finding: the tenant's playbook that names its rule, else the tenant's that names its category,
     * else the built-in one for its category.
     */
    public Optional<Playbook> forFinding(UUID tenant, String rule, String category) {
        List<Playbook> own = transactions.read(tenant, () -> store.playbooks(tenant));
        return own.stream().filter(p -> p.rules().contains(rule)).findFirst()
                .or(() -> own.stream().filter(p -> p.categories().contains(category)).findFirst())
                .or(() -> DefaultPlaybooks.forCategory(category));
    }

    public Playbook create(Person analyst, PlaybookRequests.PlaybookInput input) {
        analyst.require(Role.ANALYST);
        Playbook base = null;
        if (input.basedOn() != null) {
            base = DefaultPlaybooks.find(input.basedOn()).orElseThrow(() -> ApiException.unprocessable(
                    "invalid-playbook", "the playbook is not valid", List.of("basedOn: not a built-in playbook id")));
        }
        return save(analyst, UUID.randomUUID(), merge(input, base), "playbook.created");
    }

    public Playbook update(Person analyst, String id, PlaybookRequests.PlaybookInput input) {
        UUID uuid = ownId(id);
        Playbook current = transactions.read(analyst.tenantId(), () -> store.playbook(analyst.tenantId(), uuid))
                .orElseThrow(() -> ApiException.notFound("playbook"));
        analyst.require(Role.ANALYST);
        return save(analyst, uuid, merge(input, current), "playbook.updated");
    }

    public void delete(Person analyst, String id) {
        UUID uuid = ownId(id);
        UUID tenant = analyst.tenantId();
        transactions.write(tenant, () -> {
            store.playbook(tenant, uuid).orElseThrow(() -> ApiException.notFound("playbook"));
            analyst.require(Role.ANALYST);
            store.deletePlaybook(tenant, uuid);
            audit.record(tenant, analyst.actor(), "playbook.deleted", "playbook", uuid.toString(), Map.of());
            return null;
        });
    }

    public List<DestinationView> destinations(UUID tenant) {
        return transactions.read(tenant, () -> store.destinations(tenant).stream().map(DestinationView::of).toList());
    }

    public DestinationView addDestination(Person admin, PlaybookRequests.DestinationInput input) {
        admin.require(Role.ADMIN);
        rules.check(input);
        UUID tenant = admin.tenantId();
        Destination destination = new Destination(UUID.randomUUID(), input.name().strip(), input.kind(),
                input.url(), input.secret(), input.settings() == null ? Map.of() : input.settings());
        return transactions.write(tenant, () -> {
            if (store.destinations(tenant).stream().anyMatch(d -> d.name().equals(destination.name()))) {
                throw ApiException.conflict("name-taken", "another destination of this tenant has that name");
            }
            store.insert(tenant, destination, admin.actor());
            audit.record(tenant, admin.actor(), "playbook-destination.created", "playbook-destination",
                    destination.id().toString(), Map.of("kind", destination.kind()));
            return DestinationView.of(destination);
        });
    }

    public void deleteDestination(Person admin, UUID id) {
        UUID tenant = admin.tenantId();
        transactions.write(tenant, () -> {
            store.destination(tenant, id).orElseThrow(() -> ApiException.notFound("destination"));
            admin.require(Role.ADMIN);
            List<String> users = store.usersOf(tenant, id);
            if (!users.isEmpty()) {
                throw ApiException.conflict("destination-in-use", "playbooks deliver there: "
                        + String.join(", ", users) + "; change them first");
            }
            store.deleteDestination(tenant, id);
            audit.record(tenant, admin.actor(), "playbook-destination.deleted", "playbook-destination",
                    id.toString(), Map.of());
            return null;
        });
    }

    Optional<Playbook> find(UUID tenant, String id) {
        if (id.startsWith("builtin-")) {
            return DefaultPlaybooks.find(id);
        }
        try {
            return store.playbook(tenant, UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Playbook save(Person analyst, UUID id, Playbook playbook, String action) {
        UUID tenant = analyst.tenantId();
        return transactions.write(tenant, () -> {
            rules.check(playbook, destination -> store.destination(tenant, destination).map(Destination::kind)
                    .orElse(null));
            Optional<Playbook> sameName = store.playbookByName(tenant, playbook.name());
            if (sameName.isPresent() && !sameName.get().id().equals(id.toString())) {
                throw ApiException.conflict("name-taken", "another playbook of this tenant has that name");
            }
            Instant now = clock.instant();
            store.save(tenant, id, playbook, analyst.actor(), now);
            audit.record(tenant, analyst.actor(), action, "playbook", id.toString(),
                    Map.of("name", playbook.name(), "actions", playbook.actions().size()));
            return store.playbook(tenant, id).orElseThrow();
        });
    }

    private static Playbook merge(PlaybookRequests.PlaybookInput input, Playbook base) {
        return new Playbook(null,
                input.name() != null ? input.name().strip() : base == null ? null : base.name() + " (copy)",
                input.description() != null ? input.description() : base == null ? "" : base.description(),
                input.rules() != null ? input.rules() : base == null ? List.of() : base.rules(),
                input.categories() != null ? input.categories() : base == null ? List.of() : base.categories(),
                input.steps() != null ? input.steps() : base == null ? List.of() : base.steps(),
                input.actions() != null ? input.actions() : base == null ? List.of() : base.actions(),
                false, input.basedOn() != null ? input.basedOn() : base == null ? null : base.basedOn(), null, null);
    }

    private static UUID ownId(String id) {
        if (id.startsWith("builtin-")) {
            throw ApiException.conflict("built-in-playbook", "built-in playbooks cannot be changed: create a copy "
                    + "with basedOn and edit that");
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("playbook");
        }
    }
}
