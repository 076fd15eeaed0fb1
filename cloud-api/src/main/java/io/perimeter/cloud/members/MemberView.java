package io.perimeter.cloud.members;

import io.micronaut.serde.annotation.Serdeable;
import io.perimeter.tenancy.tenant.Member;
import java.time.Instant;

/** A member of the tenant and the role they hold. */
@Serdeable
public record MemberView(String username, String role, Instant since) {

    static MemberView of(Member member) {
        return new MemberView(member.key().username(), member.role(), member.createdAt());
    }
}
