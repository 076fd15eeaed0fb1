package io.perimeter.cloud.playbooks.policy;

import jakarta.inject.Singleton;
import java.util.List;

/**
 * ModSecurity v2/v3 and Coraza (SecLang): chained {@code SecRule}s on the method and {@code REQUEST_FILENAME}, and
 * for attacks on {@code ARGS} (query and body parameters, decoded) in phase 2; a rate limit counts per client in the
 * {@code ip} collection. Rule ids are 4,200,000 + 10 × a number from the finding id (three per policy at most).
 * The message names the policy only, never traffic data.
 */
@Singleton
final class ModSecurityPolicy implements PolicyRenderer {

    @Override
    public Gateway gateway() {
        return Gateway.MODSECURITY;
    }

    @Override
    public List<PolicyFile> render(PolicyTarget target) {
        String name = target.name();
        int id = 4_200_000 + target.number() * 10;
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
