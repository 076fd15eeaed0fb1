package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.redaction.Pseudonymizer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API1-OBJECT-WALK: one identity gets 2xx answers for more distinct object ids at one endpoint parameter than
 * {@link FindingsSettings#objectWalkThreshold()}: the shape of an enumeration of other people's objects (BOLA). Object
 * ids are kept as pseudonym prefixes ({@code Pseudonymizer.pseudonym("object", id)}), never as values.
 */
final class ObjectWalkRule implements Rule {
    private final Pseudonymizer pseudonyms;
    private final int threshold;
    private final EngineCounters counters;
    private final TrackedEndpoints<ObjectIds.Slot, DistinctMembers> slots;

    ObjectWalkRule(FindingsSettings settings, Pseudonymizer pseudonyms, AtomicLong pairBudget, EngineCounters counters) {
        this.pseudonyms = pseudonyms;
        this.threshold = settings.objectWalkThreshold();
        this.counters = counters;
        int perIdentity = (int) Math.min(Integer.MAX_VALUE, Math.max(threshold + 1L, 4L * threshold));
        this.slots = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                () -> new DistinctMembers(settings.maxPrincipalsPerEndpoint(), perIdentity, pairBudget));
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API1_OBJECT_WALK);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded() || call.principal().isEmpty()) {
            return;
        }
        long identity = PseudonymBits.of(call.principal().get());
        for (ObjectIds.Id id : call.objectIds(pseudonyms)) {
            DistinctMembers members = slots.get(ObjectIds.slot(call, id));
            if (members == null) {
                continue;
            }
            long object = id.pseudonym();
            int distinct;
            int identities;
            synchronized (members) {
                DistinctMembers.Added added = members.add(identity, object);
                switch (added) {
                    case SUBJECT_DROPPED -> counters.principalsDropped.increment();
                    case PAIR_DROPPED -> counters.pairsDropped.increment();
                    default -> { }
                }
                if (added != DistinctMembers.Added.NEW) {
                    continue;
                }
                distinct = members.count(identity);
                if (distinct <= threshold) {
                    continue;
                }
                members.markOverThreshold(identity);
                identities = members.subjectsOverThreshold();
            }
            sink.report(Occurrence.of(RuleId.API1_OBJECT_WALK, call, Evidence.at(EvidenceLocation.REQUEST_PATH)
                    .withField(id.at().name())
                    .withFact("distinctObjects", distinct)
                    .withFact("identities", identities)
                    .withFact("threshold", threshold)));
        }
    }
}
