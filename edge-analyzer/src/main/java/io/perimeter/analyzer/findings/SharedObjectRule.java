package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.redaction.Pseudonymizer;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * API1-SHARED-OBJECT: one object whose 2xx read answers carry personal data is read by more distinct identities than
 * {@link FindingsSettings#sharedObjectThreshold()}: a person's record that many accounts can open. Objects without
 * personal data in the answer (catalogue items, public posts) are not counted.
 */
final class SharedObjectRule implements Rule {
    private final Pseudonymizer pseudonyms;
    private final int threshold;
    private final EngineCounters counters;
    private final TrackedEndpoints<ObjectIds.Slot, DistinctMembers> slots;

    SharedObjectRule(FindingsSettings settings, Pseudonymizer pseudonyms, AtomicLong pairBudget, EngineCounters counters) {
        this.pseudonyms = pseudonyms;
        this.threshold = settings.sharedObjectThreshold();
        this.counters = counters;
        int perObject = (int) Math.min(Integer.MAX_VALUE, Math.max(threshold + 1L, 4L * threshold));
        this.slots = new TrackedEndpoints<>(settings.maxTrackedEndpoints(), counters.endpointsDropped,
                () -> new DistinctMembers(settings.maxObjectsPerEndpoint(), perObject, pairBudget));
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API1_SHARED_OBJECT);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded() || !call.isRead() || call.principal().isEmpty()) {
            return;
        }
        Set<DataClass> personal = EnumSet.noneOf(DataClass.class);
        personal.addAll(call.classesIn("RESPONSE_BODY"));
        personal.retainAll(ObservedCall.PERSONAL);
        if (personal.isEmpty()) {
            return;
        }
        long identity = PseudonymBits.of(call.principal().get());
        for (ObjectIds.Id id : call.objectIds(pseudonyms)) {
            DistinctMembers readers = slots.get(ObjectIds.slot(call, id));
            if (readers == null) {
                continue;
            }
            long object = id.pseudonym();
            int distinct;
            int objects;
            synchronized (readers) {
                DistinctMembers.Added added = readers.add(object, identity);
                switch (added) {
                    case SUBJECT_DROPPED -> counters.objectsDropped.increment();
                    case PAIR_DROPPED -> counters.pairsDropped.increment();
                    default -> { }
                }
                if (added != DistinctMembers.Added.NEW) {
                    continue;
                }
                distinct = readers.count(object);
                if (distinct <= threshold) {
                    continue;
                }
                readers.markOverThreshold(object);
                objects = readers.subjectsOverThreshold();
            }
            sink.report(Occurrence.of(RuleId.API1_SHARED_OBJECT, call, Evidence.at(EvidenceLocation.REQUEST_PATH)
                    .withField(id.at().name())
                    .withClasses(personal)
                    .withFact("distinctIdentities", distinct)
                    .withFact("objects", objects)
                    .withFact("threshold", threshold)));
        }
    }
}
