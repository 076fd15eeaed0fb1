package io.perimeter.cloud.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.perimeter.testsupport.RedisEndpoint;
import io.perimeter.testsupport.RequiresServices;
import io.perimeter.testsupport.Service;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("services")
@RequiresServices(Service.REDIS)
class RedisSmokeIT {

    @Test
    void lettuceRoundTripsAValueWithExpiry(RedisEndpoint redis) {
        RedisClient client = RedisClient.create(redis.uri());
        try (var connection = client.connect()) {
            var commands = connection.sync();
            String key = "smoke:" + UUID.randomUUID();

            assertThat(commands.set(key, "value", SetArgs.Builder.nx().ex(60))).isEqualTo("OK");
            assertThat(commands.set(key, "other", SetArgs.Builder.nx().ex(60))).isNull();
            assertThat(commands.get(key)).isEqualTo("value");
            assertThat(commands.ttl(key)).isBetween(1L, 60L);
            assertThat(commands.del(key)).isEqualTo(1L);
            assertThat(commands.exists(key)).isZero();
        } finally {
            client.shutdown();
        }
    }
}
