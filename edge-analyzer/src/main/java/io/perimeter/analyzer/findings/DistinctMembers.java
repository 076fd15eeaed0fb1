package io.perimeter.analyzer.findings;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For one endpoint parameter: the distinct members (objects, identities) each subject (identity, object) was seen
 * with, as 64-bit pseudonym prefixes. Bounded three ways: subjects per tracker, members per subject (enough to tell
 * that a threshold was passed, then counting stops), and a budget of pairs shared by all trackers. What does not fit
 * is counted by the caller. Not thread-safe: callers lock.
 */
final class DistinctMembers {
    /** What {@link #add} did. */
    enum Added { NEW, KNOWN, SUBJECT_DROPPED, PAIR_DROPPED }

    private final Map<Long, LongSet> bySubject = new HashMap<>();
    private final Map<Long, Boolean> reported = new HashMap<>();
    private final int maxSubjects;
    private final int maxMembersPerSubject;
    private final AtomicLong pairBudget;
    private int subjectsOverThreshold;

    DistinctMembers(int maxSubjects, int maxMembersPerSubject, AtomicLong pairBudget) {
        this.maxSubjects = maxSubjects;
        this.maxMembersPerSubject = maxMembersPerSubject;
        this.pairBudget = pairBudget;
    }

    Added add(long subject, long member) {
        LongSet members = bySubject.get(subject);
        if (members == null) {
            if (bySubject.size() >= maxSubjects) {
                return Added.SUBJECT_DROPPED;
            }
            members = new LongSet(maxMembersPerSubject);
            bySubject.put(subject, members);
        }
        if (members.contains(member)) {
            return Added.KNOWN;
        }
        if (members.isFull()) {
            return Added.KNOWN; // counted enough: the subject is far over any threshold
        }
        if (pairBudget.getAndDecrement() <= 0) {
            pairBudget.incrementAndGet();
            return Added.PAIR_DROPPED;
        }
        members.add(member);
        return Added.NEW;
    }

    /** Distinct members of {@code subject} (up to the per-subject cap). */
    int count(long subject) {
        LongSet members = bySubject.get(subject);
        return members == null ? 0 : members.size();
    }

    /** Marks {@code subject} as over the threshold; true the first time. */
    boolean markOverThreshold(long subject) {
        if (reported.putIfAbsent(subject, Boolean.TRUE) == null) {
            subjectsOverThreshold++;
            return true;
        }
        return false;
    }

    /** Subjects marked over the threshold so far. */
    int subjectsOverThreshold() {
        return subjectsOverThreshold;
    }
}
