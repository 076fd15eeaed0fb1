package io.perimeter.cloud.playbooks.policy;

import jakarta.inject.Singleton;
import java.util.List;

/**
 * ModSecurity v2/v3 and Coraza (SecLang): chained {@code SecRule}s on the method and {@code REQUEST_FILENAME}, and
 * for attacks on {@code ARGS} (query and body parameters, decoded) in phase 2; a rate limit counts per client in the
 * {@code ip} collection. The message names the policy only, never traffic data.
 *
 * <p>Rule ids: {@link #FIRST_ID} + 3 × a number from the finding id, three per policy at most, so every id is within
 * 10,000,000–89,999,999, the range the ModSecurity rule id reservations list as unused (clear of the Core Rule Set's
 * 900,000–999,999 and 9,000,000–9,999,999 and of the vendors' ranges). That gives 26,666,666 slots: two policies share
 * one with probability about 1 in 27 million (about 2 in 10,000 among 100 policies); ModSecurity and Coraza refuse to
 * load a duplicate id, so a clash is reported at load, never silent.
 */
@Singleton
final class ModSecurityPolicy implements PolicyRenderer {
    static final int FIRST_ID = 10_000_000;
    static final int SLOTS = (89_999_999 - FIRST_ID + 1) / 3;

    @Override
    public Gateway gateway() {
        return Gateway.MODSECURITY;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        int id = FIRST_ID + 3 * (int) target.number(SLOTS);
        String method = "SecRule REQUEST_METHOD \"@streq " + target.method() + "\" ";
        String route = "    SecRule REQUEST_FILENAME \"@rx " + target.routeRegex() + "\" ";
        String msg = "msg:'Perimeter policy " + name + " (" + target.mode().id() + ")'";
        StringBuilder rules = new StringBuilder("# Perimeter policy " + name + " for finding " + target.findingId()
                + "\n");
        switch (target.mode()) {
            case BLOCK_ROUTE -> rules.append(method).append("\"id:").append(id)
                    .append(",phase:1,deny,status:403,log,").append(msg).append(",chain\"\n")
                    .append(route).append("\"t:none\"\n");
            case BLOCK_PATTERN -> rules.append(method).append("\"id:").append(id)
                    .append(",phase:2,deny,status:403,log,").append(msg).append(",chain\"\n")
                    .append(route).append("\"t:none,chain\"\n")
                    .append("    SecRule ARGS \"@rx ").append(target.pattern()).append("\" \"t:none\"\n");
            case RATE_LIMIT -> {
                String counter = "ip." + name;
                rules.append("SecAction \"id:").append(id).append(",phase:1,nolog,pass,initcol:ip=%{REMOTE_ADDR}\"\n")
                        .append(method).append("\"id:").append(id + 1).append(",phase:1,nolog,pass,chain\"\n")
                        .append(route).append("\"t:none,setvar:").append(counter).append("=+1,expirevar:")
                        .append(counter).append("=60\"\n")
                        .append(method).append("\"id:").append(id + 2).append(",phase:1,deny,status:429,log,")
                        .append(msg).append(",chain\"\n")
                        .append(route).append("\"t:none,chain\"\n")
                        .append("    SecRule IP:").append(name.toUpperCase(java.util.Locale.ROOT)).append(" \"@gt ")
                        .append(target.ratePerMinute()).append("\" \"t:none\"\n");
            }
        }
        return List.of(new PolicyFile(name + ".conf", "include after the ModSecurity/Coraza core configuration",
                "text/plain", rules.toString()));
    }
}
