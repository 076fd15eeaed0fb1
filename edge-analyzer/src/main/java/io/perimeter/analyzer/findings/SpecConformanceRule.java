package io.perimeter.analyzer.findings;

import java.util.Optional;
import java.util.Set;

/**
 * Calls measured against the uploaded OpenAPI document (silent without one, and for services on hosts the document
 * does not name when it names any):
 *
 * <ul>
 *   <li>API9-SHADOW-ENDPOINT: an endpoint that answers (any status but 404, 405, 410 and 501) and that the document
 *       does not declare;
 *   <li>API9-DEPRECATED-OPERATION: a 2xx answer from an operation the document marks {@code deprecated}.
 * </ul>
 */
final class SpecConformanceRule implements Rule {
    private final ApiSpec spec;

    SpecConformanceRule(ApiSpec spec) {
        this.spec = spec;
    }

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API9_SHADOW_ENDPOINT, RuleId.API9_DEPRECATED_OPERATION);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        int status = call.status();
        if (call.outbound() || status < 0 || status == 404 || status == 405 || status == 410 || status == 501
                || !spec.appliesTo(call.endpoint().service().host())) {
            return;
        }
        Optional<ApiSpec.Match> match = spec.match(call.method(), call.endpoint().template());
        if (match.isEmpty()) {
            sink.report(Occurrence.of(RuleId.API9_SHADOW_ENDPOINT, call, Evidence.at(EvidenceLocation.REQUEST_PATH)
                    .withFact("succeeded", call.succeeded())));
        } else if (match.get().deprecated() && call.succeeded()) {
            sink.report(Occurrence.of(RuleId.API9_DEPRECATED_OPERATION, call, Evidence.at(EvidenceLocation.REQUEST_PATH)));
        }
    }
}
