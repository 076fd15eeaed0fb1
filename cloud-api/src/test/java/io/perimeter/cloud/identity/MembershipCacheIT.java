package io.perimeter.cloud.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.perimeter.cloud.support.CloudApiFixture;
import io.perimeter.tenancy.database.TenantTransactions;
import io.perimeter.tenancy.tenant.MemberRepository;
import io.perimeter.testsupport.KeycloakEndpoint;
import io.perimeter.testsupport.PostgresEndpoint;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Memberships are cached in Redis and re-read once invalidated. */
@Tag("services")
@RequiresServices({Service.POSTGRES, Service.KEYCLOAK, Service.REDIS})
class MembershipCacheIT {
    private static CloudApiFixture cloud;

    @BeforeAll
    static void start(PostgresEndpoint postgres, KeycloakEndpoint keycloak, RedisEndpoint redis) {
        cloud = CloudApiFixture.start(postgres, keycloak, Map.of(
                "perimeter.redis.uri", redis.uri(),
                "perimeter.redis.key-prefix", "test-" + UUID.randomUUID() + ":"));
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void aRemovedMembershipStopsAccessOnceInvalidated() {
        assertThat(cloud.as("dave").inTenant("globex").get("/api/v1/edges").status()).isEqualTo(200);

        // Removed behind the API's back: the cached membership still answers, which shows the cache is used.
        cloud.context().getBean(TenantTransactions.class).write(cloud.globex.id(),
                () -> cloud.context().getBean(MemberRepository.class).delete(cloud.globex.id(), "dave"));
        assertThat(cloud.as("dave").inTenant("globex").get("/api/v1/edges").status()).isEqualTo(200);

        cloud.context().getBean(People.class).membershipChanged("dave");
        assertThat(cloud.as("dave").inTenant("globex").get("/api/v1/edges").problemType()).isEqualTo("not-a-member");
        assertThat(cloud.as("dave").inTenant("acme").get("/api/v1/edges").status()).isEqualTo(200);
    }
}
