package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.pipeline.CallProfile;
import java.util.EnumSet;
import java.util.Set;

/**
 * API2-UNAUTHENTICATED-SENSITIVE-DATA: a 2xx answer carries personal data in its body to a request that carried no
 * credential at all (no {@code Authorization}, API-key or token header, session cookie or credential query parameter).
 * A request that sends a password in its body (logging in, signing up) is not counted: its answer describes the
 * account just proven.
 */
final class UnauthenticatedSensitiveDataRule implements Rule {

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API2_UNAUTHENTICATED_SENSITIVE_DATA);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded() || call.carriesCredential()
                || call.classesIn("REQUEST_BODY").contains(DataClass.PASSWORD)) {
            return;
        }
        Set<DataClass> personal = EnumSet.noneOf(DataClass.class);
        int fields = 0;
        for (CallProfile.Sighting s : call.sightings("RESPONSE_BODY")) {
            Set<DataClass> here = EnumSet.noneOf(DataClass.class);
            here.addAll(s.classes());
            here.retainAll(ObservedCall.PERSONAL);
            if (!here.isEmpty()) {
                personal.addAll(here);
                fields++;
            }
        }
        if (personal.isEmpty()) {
            return;
        }
        sink.report(Occurrence.of(RuleId.API2_UNAUTHENTICATED_SENSITIVE_DATA, call,
                Evidence.at(EvidenceLocation.RESPONSE_BODY).withClasses(personal).withFact("personalFields", fields)));
    }
}
