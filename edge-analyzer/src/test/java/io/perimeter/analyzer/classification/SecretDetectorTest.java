package io.perimeter.analyzer.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretDetectorTest {

    // Built at run time from repeated fragments so that no realistic-looking key sits in the source.
    private static String rep(String fragment, int length) {
        return fragment.repeat(length / fragment.length() + 1).substring(0, length);
    }

    @Test
    void recognisesProviderFormats() {
        assertThat(SecretDetector.detect("AKIA" + rep("IOSFODNN7EXAMPLE", 16))).isEqualTo(SecretKind.AWS_ACCESS_KEY);
        assertThat(SecretDetector.detect("ASIA" + rep("Q3EGZ2XK7L", 16))).isEqualTo(SecretKind.AWS_ACCESS_KEY);
        assertThat(SecretDetector.detect("AIza" + rep("SyA-b_9Kq", 35))).isEqualTo(SecretKind.GCP_API_KEY);
        assertThat(SecretDetector.detect("ghp_" + rep("a1B2c3D4e5", 36))).isEqualTo(SecretKind.GITHUB_TOKEN);
        assertThat(SecretDetector.detect("ghs_" + rep("Zx9Yw8", 36))).isEqualTo(SecretKind.GITHUB_TOKEN);
        assertThat(SecretDetector.detect("github_pat_" + rep("11ABCDE0Y_xyz", 82))).isEqualTo(SecretKind.GITHUB_TOKEN);
        assertThat(SecretDetector.detect("glpat-" + rep("xY-9_a", 20))).isEqualTo(SecretKind.GITLAB_TOKEN);
        assertThat(SecretDetector.detect("xoxb-" + "123456789012-1234567890123-" + rep("AbCd3", 24))).isEqualTo(SecretKind.SLACK_TOKEN);
        assertThat(SecretDetector.detect("xapp-1-A0123456789-1234567890-" + rep("ab12", 32))).isEqualTo(SecretKind.SLACK_TOKEN);
        assertThat(SecretDetector.detect("https://hooks.slack.com/services/T01234567/B0123456789/" + rep("Xy7", 24)))
                .isEqualTo(SecretKind.SLACK_WEBHOOK);
        assertThat(SecretDetector.detect("sk_live_" + rep("51Hx9Ab", 24))).isEqualTo(SecretKind.STRIPE_KEY);
        assertThat(SecretDetector.detect("rk_test_" + rep("51Hx9Ab", 24))).isEqualTo(SecretKind.STRIPE_KEY);
        assertThat(SecretDetector.detect("whsec_" + rep("Ab9+/x", 32))).isEqualTo(SecretKind.STRIPE_KEY);
        assertThat(SecretDetector.detect("SG." + rep("aB3-_", 22) + "." + rep("Zy9_-", 43))).isEqualTo(SecretKind.SENDGRID_KEY);
        assertThat(SecretDetector.detect("SK" + rep("0123456789abcdef", 32))).isEqualTo(SecretKind.TWILIO_API_KEY);
        assertThat(SecretDetector.detect("npm_" + rep("Ab1Cd2", 36))).isEqualTo(SecretKind.NPM_TOKEN);
    }

    @Test
    void recognisesPemPrivateKeysAnywhereInTheValue() {
        String body = rep("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", 64 * 10).replaceAll("(.{64})", "$1\n");
        for (String label : new String[] {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
                "ENCRYPTED PRIVATE KEY", "PGP PRIVATE KEY BLOCK"}) {
            String pem = "-----BEGIN " + label + "-----\n" + body + "-----END " + label + "-----\n";
            assertThat(SecretDetector.detect(pem)).as(label).isEqualTo(SecretKind.PRIVATE_KEY_PEM);
            assertThat(SecretDetector.detect("key material follows: " + pem)).isEqualTo(SecretKind.PRIVATE_KEY_PEM);
        }
    }

    @Test
    void ignoresPublicMaterialAndPlaceholders() {
        String body = rep("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", 64 * 6);
        assertThat(SecretDetector.detect("-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----")).isNull();
        assertThat(SecretDetector.detect("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----")).isNull();
        assertThat(SecretDetector.detect("-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY----- (placeholder text here)")).isNull();
        assertThat(SecretDetector.detect("pk_live_" + rep("51Hx9Ab", 24))).isNull(); // publishable, public by design
        assertThat(SecretDetector.detect("AKIA" + rep("IOSFODNN7EXAMPLE", 15))).isNull(); // one short
        assertThat(SecretDetector.detect("akia" + rep("iosfodnn7example", 16))).isNull(); // wrong case
        assertThat(SecretDetector.detect("AIDA" + rep("IOSFODNN7EXAMPLE", 16))).isNull(); // a user id, not a key
        assertThat(SecretDetector.detect("ghp_" + rep("a1B2c3D4e5", 35))).isNull();
        assertThat(SecretDetector.detect("ghx_" + rep("a1B2c3D4e5", 36))).isNull();
        assertThat(SecretDetector.detect("SK" + rep("0123456789ABCDEF", 32))).isNull(); // upper-case hex
        assertThat(SecretDetector.detect("sk_live_short")).isNull();
        assertThat(SecretDetector.detect("https://hooks.slack.com/services/")).isNull();
        assertThat(SecretDetector.detect("550e8400-e29b-41d4-a716-446655440000")).isNull();
        assertThat(SecretDetector.detect("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")).isNull();
    }

    @Test
    void opaqueTokenShape() {
        assertThat(SecretDetector.looksLikeOpaqueToken("3f9a1c2e7b4d4e8f9a0b1c2d3e4f5a6b")).isTrue();
        assertThat(SecretDetector.looksLikeOpaqueToken("550e8400-e29b-41d4-a716-446655440000")).isTrue();
        assertThat(SecretDetector.looksLikeOpaqueToken("dGhpcyBpcyBhIHRva2Vu0Q==")).isTrue();
        assertThat(SecretDetector.looksLikeOpaqueToken("****************")).isFalse();
        assertThat(SecretDetector.looksLikeOpaqueToken("short1")).isFalse();
        assertThat(SecretDetector.looksLikeOpaqueToken("onlylettersinthisvalue")).isFalse();
        assertThat(SecretDetector.looksLikeOpaqueToken("has spaces 1234567890")).isFalse();
    }
}
