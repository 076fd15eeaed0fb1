package io.perimeter.cloud.playbooks.policy;

import java.util.List;

/** Turns a policy target into the files one gateway reads. Implementations are stateless and thread-safe. */
interface PolicyRenderer {
    Gateway gateway();

    /** The files, or a {@link PolicyException} when the gateway cannot express {@code target}'s mode. */
    List<PolicyFile> render(PolicyTarget target);
}
