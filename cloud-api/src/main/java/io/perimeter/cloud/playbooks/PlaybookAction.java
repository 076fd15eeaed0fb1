package io.perimeter.cloud.playbooks;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/**
 * One automated action of a playbook.
 *
 * @param type          {@code policy}: generate a gateway policy for the finding's route (and deliver it when a
 *                      destination is set: that changes traffic and needs approval); {@code notify}: send the
 *                      finding and the playbook's steps to a destination (webhook, Slack, Jira)
 * @param gateway       for policies: nginx, envoy, kong, modsecurity, aws-waf
 * @param mode          for policies: block-route, block-pattern (attack findings), rate-limit
 * @param destinationId where to deliver; a policy without one is rendered only
 * @param ratePerMinute for rate-limit: requests per client and minute (default 120)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PlaybookAction(String type, @Nullable String gateway, @Nullable String mode,
                             @Nullable UUID destinationId, @Nullable Integer ratePerMinute) {
    public static final String POLICY = "policy";
    public static final String NOTIFY = "notify";
    static final int DEFAULT_RATE = 120;

    static PlaybookAction policy(String gateway, String mode) {
        return new PlaybookAction(POLICY, gateway, mode, null, null);
    }

    int rate() {
        return ratePerMinute == null ? DEFAULT_RATE : ratePerMinute;
    }

    /** Whether running it changes what a gateway lets through: a policy delivered somewhere. */
    boolean changesTraffic() {
        return POLICY.equals(type) && destinationId != null;
    }
}
