package io.perimeter.analyzer.findings;

import java.util.Set;

/**
 * API2-BASIC-AUTH-PLAINTEXT: {@code Authorization: Basic} (a reusable user name and password, only base64-encoded) on
 * a plain-HTTP connection. Connections to loopback are not counted: a TLS-terminating proxy on the same host is the
 * usual reason for plaintext there.
 */
final class BasicAuthPlaintextRule implements Rule {

    @Override
    public Set<RuleId> reports() {
        return Set.of(RuleId.API2_BASIC_AUTH_PLAINTEXT);
    }

    @Override
    public void observe(ObservedCall call, FindingSink sink) {
        if (call.call().tls() || call.serverIsLoopback()) {
            return;
        }
        for (String value : call.requestHeaders().all("Authorization")) {
            String v = value.strip();
            if (v.length() > 6 && v.regionMatches(true, 0, "Basic ", 0, 6)) {
                sink.report(Occurrence.of(RuleId.API2_BASIC_AUTH_PLAINTEXT, call,
                        Evidence.at(EvidenceLocation.REQUEST_HEADER).withHeader("Authorization")));
                return;
            }
        }
    }
}
