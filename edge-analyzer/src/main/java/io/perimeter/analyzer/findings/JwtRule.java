package io.perimeter.analyzer.findings;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Weak bearer JWTs, decoded without checking signatures:
 *
 * <ul>
 *   <li>API2-JWT-ALG-NONE: the header says {@code "alg": "none"} (any case). Reported whatever the answer, with the
 *       outcome; critical when the API answered 2xx (it accepted an unsigned token).
 *   <li>API2-JWT-NO-EXPIRY: a token without an {@code exp} claim got a 2xx answer.
 *   <li>API2-JWT-EXPIRED-ACCEPTED: a token whose {@code exp} lies more than the clock skew before the call got a 2xx
 *       answer.
 * </ul>
 *
 * Only the {@code Authorization: Bearer} header is read; JWE (encrypted) tokens are skipped.
 */
final class JwtRule implements Rule {
    private final Duration skew;

    JwtRule(FindingsSettings settings) {
        this.skew = settings.jwtClockSkew();
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API2_JWT_ALG_NONE, RuleId.API2_JWT_NO_EXPIRY, RuleId.API2_JWT_EXPIRED_ACCEPTED);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.outbound()) {
            return;
        }
        Optional<Jwt> token = call.bearerJwt();
        if (token.isEmpty()) {
            return;
        }
        Jwt jwt = token.get();
        Evidence where = Evidence.at(EvidenceLocation.REQUEST_HEADER).withHeader("Authorization");
        if (jwt.algorithm().equalsIgnoreCase("none")) {
            Outcome outcome = Outcome.of(call.call().response());
            Severity severity = switch (outcome) {
                case SUCCEEDED -> Severity.CRITICAL;
                case UNKNOWN -> Severity.HIGH;
                case REJECTED -> Severity.MEDIUM;
            };
            sink.report(Occurrence.of(RuleId.API2_JWT_ALG_NONE, call, where.withFact("signaturePresent", jwt.signed()))
                    .severity(severity).outcome(outcome));
        }
        if (!call.succeeded()) {
            return;
        }
        if (!jwt.hasExpiryClaim()) {
            sink.report(Occurrence.of(RuleId.API2_JWT_NO_EXPIRY, call, where));
            return;
        }
        Optional<Long> exp = jwt.expiresAt();
        if (exp.isPresent()) {
            long past = call.at().getEpochSecond() - exp.get();
            if (past > skew.toSeconds()) {
                sink.report(Occurrence.of(RuleId.API2_JWT_EXPIRED_ACCEPTED, call, where.withFact("secondsPastExpiry", past))
                        .outcome(Outcome.SUCCEEDED));
            }
        }
    }
}
