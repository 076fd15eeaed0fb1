package io.perimeter.analyzer.redaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perimeter.sensor.call.Header;
import io.perimeter.sensor.call.Headers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PseudonymizerTest {

    @Test
    void sameValueSamePseudonymOnOneEdgeOnly() {
        EdgeKey key = EdgeKey.ephemeral();
        var a = new Pseudonymizer(key);
        var b = new Pseudonymizer(EdgeKey.ephemeral());

        assertThat(a.pseudonym("principal", "alice")).isEqualTo(a.pseudonym("principal", "alice")).matches("[0-9a-f]{32}");
        assertThat(a.pseudonym("principal", "alice")).isNotEqualTo(a.pseudonym("principal", "bob"));
        assertThat(a.pseudonym("principal", "alice")).isNotEqualTo(a.pseudonym("object", "alice"));
        assertThat(a.pseudonym("principal", "alice")).isNotEqualTo(b.pseudonym("principal", "alice"));
    }

    @Test
    void keyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state/edge.key");

        EdgeKey first = EdgeKey.loadOrCreate(file);
        EdgeKey again = EdgeKey.loadOrCreate(file);

        assertThat(again).isEqualTo(first);
        assertThat(first.toString()).doesNotContain("0x").isEqualTo("EdgeKey[hidden]");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Files.write(file, new byte[5]);
        assertThatThrownBy(() -> EdgeKey.loadOrCreate(file)).hasMessageContaining("not an edge key");
    }

    @Test
    void principalsComeFromCredentialsNotFromAnythingElse() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTQyIn0.sig";
        assertThat(Principals.identity(headers("Authorization", "Bearer " + jwt))).contains("jwt-sub:user-42");
        assertThat(Principals.identity(headers("Authorization", "Bearer opaque123"))).contains("bearer:opaque123");
        assertThat(Principals.identity(headers("Authorization", "Basic YWxpY2U6c2VjcmV0"))).contains("basic:alice");
        assertThat(Principals.identity(headers("X-Api-Key", "k-1"))).contains("api-key:k-1");
        assertThat(Principals.identity(headers("Cookie", "theme=dark; sessionid=s-9"))).contains("session:s-9");
        assertThat(Principals.identity(headers("Accept", "*/*"))).isEmpty();
    }

    private static Headers headers(String name, String value) {
        return new Headers(List.of(new Header(name, value)));
    }
}
