package io.perimeter.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path run;

    @Test
    void passwordsAreMadeOnceOwnerOnlyAndKeptForTheNextRun() throws Exception {
        Path file = run.resolve("quickstart/secrets.properties");

        Secrets first = Secrets.loadOrCreate(file);
        Secrets second = Secrets.loadOrCreate(file);

        assertThat(second).isEqualTo(first);
        assertThat(first.superuser()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(first.owner());
        assertThat(first.owner()).isNotEqualTo(first.app());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(first.toString()).doesNotContain(first.superuser(), first.owner(), first.app());
    }

    @Test
    void aMissingPasswordIsAddedWithoutChangingTheOthers() throws Exception {
        Path file = run.resolve("secrets.properties");
        Secrets before = Secrets.loadOrCreate(file);
        Files.writeString(file, Files.readString(file).replaceAll("(?m)^app=.*$", ""));

        Secrets after = Secrets.loadOrCreate(file);

        assertThat(after.owner()).isEqualTo(before.owner());
        assertThat(after.superuser()).isEqualTo(before.superuser());
        assertThat(after.app()).isNotBlank().isNotEqualTo(before.app());
    }
}
