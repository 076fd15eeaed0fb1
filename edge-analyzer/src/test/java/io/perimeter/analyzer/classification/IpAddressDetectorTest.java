package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "192.168.1.10",
        "0.0.0.0",
        "255.255.255.255",
        "203.0.113.7:8443",
        "203.0.113.7, 198.51.100.23, 10.0.0.1",
        "2001:db8::1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "::1",
        "fe80::1%eth0",
        "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33",
        "[2001:db8::1]:443",
        "[::1]",
        "2001:db8::",
        "FE80::0202:B3FF:FE1E:8329"
    })
    void acceptsAddresses(String value) {
        assertThat(IpAddressDetector.isIpAddress(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "256.1.1.1",
        "1.2.3",
        "1.2.3.4.5",
        "01.2.3.4", // leading zero
        "1.2.3.4:0",
        "1.2.3.4:65536",
        "10.0.0.0/8",
        "1.3.6.1.4.1.311", // an OID
        "::", // unspecified address alone
        "2001:db8:::1",
        "2001:db8::1::2",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::1",
        "00:1a:2b:3c:4d:5e", // a MAC address
        "12:30:45", // a time
        "std::string",
        "deadbeef",
        "2024.01.15",
        "192.168.1.1, not-an-ip"
    })
    void rejectsLookAlikes(String value) {
        assertThat(IpAddressDetector.isIpAddress(value)).isFalse();
    }
}
