package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.classification.DataClass;
import io.perimeter.analyzer.pipeline.CallProfile;
import java.util.EnumSet;
import java.util.Set;

/**
 * Properties an API should not hand out, found by classification in 2xx response bodies (one finding per field):
 *
 * <ul>
 *   <li>API3-SECRET-IN-RESPONSE: a password (by field name) or a secret (provider key, private key, opaque
 *       credential) — except in fields that issue tokens on purpose ({@code access_token}, {@code refresh_token},
 *       {@code id_token}, {@code token}, ...). JWTs alone are not counted: issuing them is what login endpoints do.
 *   <li>API3-SENSITIVE-DATA-IN-RESPONSE: a full card number (high: PCI DSS wants it masked when shown) or a full US
 *       SSN (medium). Masked values ({@code ************1111}) do not classify and so do not count.
 * </ul>
 */
final class ResponseExposureRule implements Rule {
    private static final Set<DataClass> UNMASKED = EnumSet.of(DataClass.CARD_NUMBER, DataClass.US_SSN);

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API3_SECRET_IN_RESPONSE, RuleId.API3_SENSITIVE_DATA_IN_RESPONSE);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound() || !call.succeeded()) {
            return;
        }
        for (CallProfile.Sighting s : call.sightings("RESPONSE_BODY")) {
            Set<DataClass> secrets = EnumSet.noneOf(DataClass.class);
            if (s.classes().contains(DataClass.PASSWORD)) {
                secrets.add(DataClass.PASSWORD);
            }
            if (s.classes().contains(DataClass.SECRET) && !CredentialNames.isIssuedToken(s.name())) {
                secrets.add(DataClass.SECRET);
            }
            if (!secrets.isEmpty()) {
                sink.report(Occurrence.of(RuleId.API3_SECRET_IN_RESPONSE, call, Evidence.at(EvidenceLocation.RESPONSE_BODY)
                        .withField(s.path()).withClasses(secrets)));
            }
            Set<DataClass> unmasked = EnumSet.noneOf(DataClass.class);
            unmasked.addAll(s.classes());
            unmasked.retainAll(UNMASKED);
            if (!unmasked.isEmpty()) {
                sink.report(Occurrence.of(RuleId.API3_SENSITIVE_DATA_IN_RESPONSE, call,
                                Evidence.at(EvidenceLocation.RESPONSE_BODY).withField(s.path())
                                        .withClasses(unmasked))
                        .severity(unmasked.contains(DataClass.CARD_NUMBER) ? Severity.HIGH : Severity.MEDIUM));
            }
        }
    }
}
