package io.perimeter.cloud.identity;

import io.perimeter.tenancy.tenant.Membership;
import java.util.List;
import java.util.Optional;

/**
 * A person's memberships, cached because every request of a person needs them. Whoever changes a membership calls
 * {@link #invalidate} after the change commits, so the next request reads the members table again.
 */
public interface MembershipCache {

    Optional<List<Membership>> get(String username);

    void put(String username, List<Membership> memberships);

    void invalidate(String username);
}
