package io.perimeter.cloud.identity;

import io.micronaut.context.annotation.Requires;
import io.perimeter.tenancy.tenant.Membership;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;

/** Without Redis (one node), every request reads the members table: an indexed read, and nothing to invalidate. */
@Singleton
@Requires(missingProperty = "perimeter.redis.uri")
final class NoMembershipCache implements MembershipCache {

    @Override
    public Optional<List<Membership>> get(String username) {
        return Optional.empty();
    }

    @Override
    public void put(String username, List<Membership> memberships) {
        // nothing kept
    }

    @Override
    public void invalidate(String username) {
        // nothing kept
    }
}
