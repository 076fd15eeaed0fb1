package io.perimeter.cloud.playbooks.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The SSRF guard: internal addresses, other schemes and user info are refused unless the deployment allows them. */
class DestinationGuardTest {
    private static final DestinationGuard CLOUD = new DestinationGuard(settings(false, false));
    private static final DestinationGuard TESTS = new DestinationGuard(settings(true, true));

    @Test
    void internalAddressesAreRefusedInTheCloud() {
        for (String url : new String[] {"https://127.0.0.1/x", "https://localhost/x", "https://10.1.2.3/x",
                "https://172.16.0.9/x", "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data",
                "https://100.64.0.1/x", "https://0.0.0.0/x", "https://[::1]/x", "https://[fd00::1]/x",
                "https://[fe80::1]/x", "https://[::ffff:127.0.0.1]/x", "https://224.0.0.1/x"}) {
            assertThatThrownBy(() -> CLOUD.check(url)).as(url).isInstanceOf(DestinationRefused.class)
                    .hasMessageContaining("internal address");
        }
        assertThat(CLOUD.check("https://203.0.113.10/hook").getHost()).isEqualTo("203.0.113.10");
    }

    @Test
    void ipv6AddressesCarryingAnInternalIpv4AddressAreRefused() {
        for (String url : new String[] {
                "https://[::127.0.0.1]/x", // IPv4-compatible
                "https://[::a9fe:a9fe]/x",
                "https://[64:ff9b::169.254.169.254]/latest/meta-data", // NAT64 well-known prefix
                "https://[64:ff9b::a00:1]/x",
                "https://[64:ff9b:1::cb00:710a]/x", // local-use NAT64 prefix, whatever it carries
                "https://[2002:7f00:1::1]/x", // 6to4 of 127.0.0.1
                "https://[2002:c0a8:101::]/x", // 6to4 of 192.168.1.1
                "https://[2001:0:4136:e378:8000:63bf:80ff:fffe]/x", // Teredo, client 127.0.0.1
                "https://[2001:0:a00:1:8000:63bf:34ff:8ef5]/x"}) { // Teredo, server 10.0.0.1
            assertThatThrownBy(() -> CLOUD.check(url)).as(url).isInstanceOf(DestinationRefused.class)
                    .hasMessageContaining("internal address");
        }
        for (String url : new String[] {"https://[64:ff9b::cb00:710a]/x", "https://[2002:cb00:710a::1]/x",
                "https://[2001:0:4136:e378:8000:63bf:34ff:8ef5]/x", "https://[2001:db8::1]/x"}) {
            assertThat(CLOUD.check(url).getHost()).as(url).isEqualTo(url.substring(8, url.indexOf(']') + 1));
        }
    }

    @Test
    void otherSchemesAndUserInfoAreRefused() {
        assertThatThrownBy(() -> CLOUD.check("http://203.0.113.10/x")).hasMessageContaining("https");
        assertThatThrownBy(() -> CLOUD.check("file:///etc/passwd")).hasMessageContaining("https");
        assertThatThrownBy(() -> CLOUD.check("gopher://203.0.113.10/")).hasMessageContaining("https");
        assertThatThrownBy(() -> CLOUD.check("https://user:pw@203.0.113.10/")).hasMessageContaining("user info");
        assertThatThrownBy(() -> CLOUD.check("not a url")).isInstanceOf(DestinationRefused.class);
    }

    @Test
    void aDeploymentMayAllowPrivateAndPlainHttpDestinations() {
        assertThat(TESTS.check("http://127.0.0.1:8080/hook").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> TESTS.check("ftp://127.0.0.1/")).isInstanceOf(DestinationRefused.class);
    }

    @Test
    void backoffIsBoundedAndHonoursRetryAfterUpToTheCap() {
        Deliverer deliverer = new Deliverer(settings(true, true), TESTS);
        for (int attempt = 1; attempt < 30; attempt++) {
            assertThat(deliverer.backoff(attempt, null)).isBetween(Duration.ZERO, Duration.ofSeconds(10));
        }
        assertThat(deliverer.backoff(1, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(deliverer.backoff(1, Duration.ofHours(1))).isEqualTo(Duration.ofSeconds(10));
    }

    private static DeliverySettings settings(boolean allowPrivate, boolean allowHttp) {
        return new DeliverySettings(allowPrivate, allowHttp, 4, Duration.ofMillis(500), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
    }
}
