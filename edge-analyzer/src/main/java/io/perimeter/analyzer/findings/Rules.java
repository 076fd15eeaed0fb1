package io.perimeter.analyzer.findings;

import io.perimeter.analyzer.redaction.Pseudonymizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The registry: every rule detector of the engine, in the order they run. docs/findings.md documents each rule. */
final class Rules {
    private Rules() {}

    static List<Rule> all(FindingsSettings settings, Pseudonymizer pseudonyms, Optional<ApiSpec> spec,
            EngineCounters counters) {
        InternalHosts internal = new InternalHosts(settings.internalDomains());
        AtomicLong pairBudget = new AtomicLong(settings.maxTrackedPairs());
        List<Rule> rules = new ArrayList<>(List.of(
                new ObjectWalkRule(settings, pseudonyms, pairBudget, counters),
                new SharedObjectRule(settings, pseudonyms, pairBudget, counters),
                new UnauthenticatedSensitiveDataRule(),
                new CredentialInQueryRule(),
                new BasicAuthPlaintextRule(),
                new JwtRule(settings),
                new ResponseExposureRule(),
                new PrivilegeFieldWriteRule(),
                new RateLimitRule(settings, pseudonyms, counters),
                new PageSizeRule(settings),
                new AdminRouteRule(settings, counters),
                new UrlParameterRule(internal),
                new PlaintextSensitiveDataRule(),
                new CorsRule(settings, pseudonyms, counters),
                new StackTraceRule(),
                new SecurityHeadersRule(),
                new DeprecatedVersionRule(settings, counters),
                new ThirdPartyDataRule(internal),
                new AttackRule()));
        spec.ifPresent(s -> rules.add(new SpecConformanceRule(s)));
        return List.copyOf(rules);
    }
}
