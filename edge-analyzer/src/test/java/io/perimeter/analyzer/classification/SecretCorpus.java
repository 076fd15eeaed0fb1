package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Corpus part: JWTs, provider keys and other credentials, and passwords, with their look-alikes. */
final class SecretCorpus extends CorpusSection {

    SecretCorpus(Random random, List<LabelledSample> samples) {
        super(random, samples);
    }

    // ---------------------------------------------------------------------------------------------
    // JWT
    // ---------------------------------------------------------------------------------------------

    void jwts() {
        for (int i = 0; i < 130; i++) {
            String token;
            String kind;
            double r = random.nextDouble();
            if (r < 0.05) {
                token = jwe();
                kind = "jwe";
            } else if (r < 0.08) {
                token = b64url(json("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + b64url(json(claims())) + ".";
                kind = "unsecured";
            } else {
                String alg = pick(new String[] {"HS256", "RS256", "RS256", "ES256", "PS256", "EdDSA", "HS512"});
                token = jws(alg);
                kind = alg;
            }
            String source = "jwt:" + kind;
            double where = random.nextDouble();
            if (where < 0.35) {
                add(HEADER, "Authorization", "Bearer " + token, source + ":bearer", JWT);
            } else if (where < 0.55) {
                add(COOKIE, pick(new String[] {"id_token", "access_token", "jwt", "auth", "session", "__Host-session"}), token, source, JWT);
            } else if (where < 0.85) {
                add(JSON_BODY, pick(new String[] {"access_token", "id_token", "token", "data.jwt", "credentials.accessToken",
                    "assertion"}), token, source, JWT);
            } else if (where < 0.95) {
                add(QUERY, pick(new String[] {"token", "access_token", "id_token", "jwt"}), token, source, JWT);
            } else {
                add(PATH_SEGMENT, null, token, source + ":path", JWT);
            }
        }
        // Flask/itsdangerous session cookies: base64 JSON payload with no "alg", a timestamp and a signature.
        // They are credentials (session cookies) but not JWTs.
        for (int i = 0; i < 30; i++) {
            String payload = b64url(json("{\"_fresh\":" + random.nextBoolean() + ",\"user_id\":\"" + random.nextInt(100000)
                    + "\",\"csrf_token\":\"" + hex(40) + "\"}"));
            String value = payload + "." + b64url(bytes(4)) + "." + b64url(bytes(20));
            add(COOKIE, "session", value, "neg:flask-session-cookie", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
        }
        // Base64url JSON in OAuth "state" and similar parameters: no JOSE header.
        for (int i = 0; i < 40; i++) {
            String state = b64url(json("{\"returnTo\":\"/" + pick(WORDS) + "\",\"nonce\":\"" + hex(16) + "\"}"));
            add(QUERY, pick(new String[] {"state", "RelayState", "ctx"}), state, "neg:base64-json-state");
        }
        // Header and payload without signature segment, and a header with no "alg".
        for (int i = 0; i < 30; i++) {
            String truncated = b64url(json("{\"alg\":\"HS256\",\"typ\":\"JWT\"}")) + "." + b64url(json(claims()));
            add(JSON_BODY, pick(new String[] {"preview", "debug.token_head", "example"}), truncated, "neg:jwt-two-segments");
        }
        for (int i = 0; i < 30; i++) {
            String noAlg = b64url(json("{\"typ\":\"JWT\",\"ver\":" + random.nextInt(3) + "}")) + "." + b64url(json(claims())) + "." + b64url(bytes(32));
            add(JSON_BODY, pick(new String[] {"payload", "envelope", "signed_blob"}), noAlg, "neg:jwt-header-without-alg");
        }
    }

    private String claims() {
        long iat = 1_600_000_000L + random.nextInt(200_000_000);
        return "{\"sub\":\"" + (random.nextBoolean() ? uuid() : String.valueOf(random.nextInt(1_000_000)))
                + "\",\"iss\":\"https://" + pick(new String[] {"auth.example.com", "login.acme.io", "accounts.google.com", "sts.windows.net/" + uuid()})
                + "\",\"aud\":\"" + pick(WORDS) + "-api\",\"iat\":" + iat + ",\"exp\":" + (iat + 3600)
                + (random.nextBoolean() ? ",\"scope\":\"read write\"" : "")
                + (random.nextBoolean() ? ",\"roles\":[\"" + pick(WORDS) + "\",\"user\"]" : "") + "}";
    }

    String jws(String alg) {
        String header = switch (random.nextInt(3)) {
            case 0 -> "{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}";
            case 1 -> "{\"typ\":\"JWT\",\"alg\":\"" + alg + "\",\"kid\":\"" + hex(16) + "\"}";
            default -> "{\"alg\":\"" + alg + "\",\"kid\":\"" + uuid() + "\",\"typ\":\"at+jwt\"}";
        };
        String signingInput = b64url(json(header)) + "." + b64url(json(claims()));
        byte[] signature = switch (alg) {
            case "HS256", "HS512" -> hmac(alg, signingInput);
            case "ES256", "EdDSA" -> bytes(64);
            default -> bytes(256);
        };
        return signingInput + "." + b64url(signature);
    }

    private byte[] hmac(String alg, String input) {
        try {
            String name = alg.equals("HS256") ? "HmacSHA256" : "HmacSHA512";
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(bytes(32), name));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String jwe() {
        String header = "{\"alg\":\"" + pick(new String[] {"RSA-OAEP-256", "RSA-OAEP", "dir", "ECDH-ES"}) + "\",\"enc\":\""
                + pick(new String[] {"A256GCM", "A128CBC-HS256"}) + "\"}";
        return b64url(json(header)) + "." + b64url(bytes(256)) + "." + b64url(bytes(12)) + "."
                + b64url(bytes(40 + random.nextInt(200))) + "." + b64url(bytes(16));
    }

    // ---------------------------------------------------------------------------------------------
    // SECRET
    // ---------------------------------------------------------------------------------------------

    /** A field name a secret is found in, and the classes the name itself adds. */
    private record SecretField(FieldLocation location, String name, Set<DataClass> nameClasses) {}

    void secrets() {
        SecretField[] keyFields = {
            new SecretField(JSON_BODY, "api_key", Set.of()), new SecretField(JSON_BODY, "apiKey", Set.of()),
            new SecretField(JSON_BODY, "token", Set.of()), new SecretField(JSON_BODY, "config.value", Set.of()),
            new SecretField(JSON_BODY, "env.GITHUB_TOKEN", Set.of()), new SecretField(JSON_BODY, "credentials.key", Set.of()),
            new SecretField(JSON_BODY, "client_secret", Set.of(PASSWORD)), new SecretField(JSON_BODY, "secret_key", Set.of(PASSWORD)),
            new SecretField(JSON_BODY, "settings.integrations[1].token", Set.of()), new SecretField(JSON_BODY, "data", Set.of()),
            new SecretField(HEADER, "X-Api-Key", Set.of()), new SecretField(HEADER, "Authorization", Set.of()),
            new SecretField(QUERY, "key", Set.of()), new SecretField(QUERY, "access_token", Set.of()),
            new SecretField(FORM, "token", Set.of())
        };
        for (int i = 0; i < 26; i++) {
            secret(keyFields, pick(new String[] {"AKIA", "AKIA", "ASIA"}) + random(UPPER_DIGITS, 16), SecretKind.AWS_ACCESS_KEY,
                    new SecretField(JSON_BODY, pick(new String[] {"aws_access_key_id", "AccessKeyId", "credentials.accessKeyId"}), Set.of()));
            secret(keyFields, "AIza" + random(URL_SAFE, 35), SecretKind.GCP_API_KEY,
                    new SecretField(QUERY, "key", Set.of()));
            secret(keyFields, pick(new String[] {"ghp_", "gho_", "ghu_", "ghs_", "ghr_"}) + random(ALNUM, 36), SecretKind.GITHUB_TOKEN, null);
            if (i % 3 == 0) {
                secret(keyFields, "github_pat_" + random(ALNUM, 22) + "_" + random(ALNUM, 59), SecretKind.GITHUB_TOKEN, null);
            }
            secret(keyFields, pick(new String[] {"glpat-", "glpat-", "gldt-", "glrt-", "glptt-"}) + random(URL_SAFE, 20), SecretKind.GITLAB_TOKEN,
                    new SecretField(HEADER, "PRIVATE-TOKEN", Set.of()));
            secret(keyFields, slackToken(), SecretKind.SLACK_TOKEN, null);
            if (i % 2 == 0) {
                secret(keyFields, "https://hooks.slack.com/services/T" + random(UPPER_DIGITS, 8 + random.nextInt(3)) + "/B"
                        + random(UPPER_DIGITS, 8 + random.nextInt(3)) + "/" + random(ALNUM, 24), SecretKind.SLACK_WEBHOOK,
                        new SecretField(JSON_BODY, pick(new String[] {"webhook_url", "slack.webhook", "notifications.url"}), Set.of()));
            }
            secret(keyFields, pick(new String[] {"sk_live_", "sk_test_", "rk_live_", "rk_test_"}) + random(ALNUM, 24 + random.nextInt(76)),
                    SecretKind.STRIPE_KEY, null);
            if (i % 2 == 0) {
                secret(keyFields, "whsec_" + random(ALNUM, 32), SecretKind.STRIPE_KEY,
                        new SecretField(JSON_BODY, "webhook_secret", Set.of(PASSWORD)));
            }
            secret(keyFields, "SG." + random(URL_SAFE, 22) + "." + random(URL_SAFE, 43), SecretKind.SENDGRID_KEY, null);
            if (i % 2 == 0) {
                secret(keyFields, "SK" + random("0123456789abcdef", 32), SecretKind.TWILIO_API_KEY, null);
                secret(keyFields, "npm_" + random(ALNUM, 36), SecretKind.NPM_TOKEN,
                        new SecretField(JSON_BODY, pick(new String[] {"npmToken", "registry.auth_token"}), Set.of()));
            }
        }
        String[] pemLabels = {"RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"};
        for (int i = 0; i < 24; i++) {
            String label = pick(pemLabels);
            int bodyChars = label.startsWith("EC") ? 160 + random.nextInt(60) : (i % 12 == 0 ? 1600 : 300 + random.nextInt(200));
            StringBuilder pem = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
            String body = random(BASE64_CHARS, bodyChars);
            for (int j = 0; j < body.length(); j += 64) {
                pem.append(body, j, Math.min(body.length(), j + 64)).append('\n');
            }
            pem.append("-----END ").append(label).append("-----");
            SecretField field = pick(new SecretField[] {
                new SecretField(JSON_BODY, "private_key", Set.of()), new SecretField(JSON_BODY, "tls.key", Set.of()),
                new SecretField(JSON_BODY, "ssh_key", Set.of()), new SecretField(JSON_BODY, "service_account.private_key", Set.of()),
                new SecretField(FORM, "key_file", Set.of())});
            add(field.location(), field.name(), pem.toString(), "secret:pem:" + label.replace(' ', '-').toLowerCase(Locale.ROOT),
                    Set.of(SECRET), SecretKind.PRIVATE_KEY_PEM);
        }
        // Opaque credentials in credential-named fields.
        for (int i = 0; i < 100; i++) {
            String token = switch (random.nextInt(6)) {
                case 0 -> hex(32);
                case 1 -> hex(40);
                case 2 -> random(URL_SAFE, 43);
                case 3 -> uuid();
                case 4 -> random(ALNUM, 32) + "." + random(ALNUM, 16);
                default -> random(BASE64_CHARS, 40) + "==";
            };
            double where = random.nextDouble();
            if (where < 0.25) {
                add(HEADER, "Authorization", "Bearer " + token, "secret:opaque:bearer", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
            } else if (where < 0.45) {
                add(HEADER, pick(new String[] {"X-Api-Key", "X-Auth-Token", "Api-Key", "X-Goog-Api-Key", "Ocp-Apim-Subscription-Key"}),
                        token, "secret:opaque:header", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
            } else if (where < 0.8) {
                add(JSON_BODY, pick(new String[] {"api_key", "apiKey", "access_token", "refresh_token", "auth.token", "session_token",
                    "credentials.apiKey"}), token, "secret:opaque:json", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
            } else {
                add(QUERY, pick(new String[] {"api_key", "apikey", "access_token", "token"}), token, "secret:opaque:query",
                        Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
            }
        }
        // Session cookies.
        for (int i = 0; i < 60; i++) {
            String[] cookie = switch (random.nextInt(5)) {
                case 0 -> new String[] {"JSESSIONID", hex(32).toUpperCase(Locale.ROOT)};
                case 1 -> new String[] {"PHPSESSID", random("abcdefghijklmnopqrstuvwxyz0123456789", 26)};
                case 2 -> new String[] {"sessionid", random("abcdefghijklmnopqrstuvwxyz0123456789", 32)};
                case 3 -> new String[] {"connect.sid", "s:" + random(URL_SAFE, 32) + "." + random(BASE64_CHARS, 43)};
                default -> new String[] {"session_id", uuid()};
            };
            add(COOKIE, cookie[0], cookie[1], "secret:session-cookie:" + cookie[0], Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
        }
        // Look-alikes that are not secrets.
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"publishable_key", "stripe.publishableKey", "pk"}),
                    "pk_" + pick(new String[] {"live_", "test_"}) + random(ALNUM, 24 + random.nextInt(76)), "neg:stripe-publishable-key");
        }
        for (int i = 0; i < 60; i++) {
            String value = random(ALNUM + "-_", 32 + random.nextInt(32));
            add(i % 2 == 0 ? COOKIE : HEADER, i % 2 == 0 ? pick(new String[] {"csrftoken", "XSRF-TOKEN", "_csrf"}) : "X-CSRF-Token",
                    value, "neg:csrf-token");
        }
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(new String[] {"next_page_token", "nextPageToken", "pagination.cursor", "continuation_token", "page_token"}),
                    b64url(json("{\"offset\":" + random.nextInt(10000) + ",\"ts\":" + (1_700_000_000 + random.nextInt(10_000_000)) + "}")),
                    "neg:pagination-token");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"api_key_id", "key_id", "access_key_last4", "token_type", "token_expires_in"}),
                    pick(new String[] {"key_" + hex(8), "Bearer", "3600", hex(4), "****" + hex(4)}), "neg:credential-metadata");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"public_key", "publicKey", "jwks.keys[0].n"}), random(BASE64_CHARS, 60 + random.nextInt(140)),
                    "neg:public-key-material");
        }
        for (int i = 0; i < 30; i++) {
            add(JSON_BODY, pick(new String[] {"arn", "role_arn", "resource"}),
                    "arn:aws:iam::" + digits(12) + ":role/" + pick(WORDS) + "-" + pick(WORDS), "neg:aws-arn");
        }
    }

    private void secret(SecretField[] fields, String value, SecretKind kind, SecretField preferred) {
        SecretField field = preferred != null && random.nextBoolean() ? preferred : pick(fields);
        Set<DataClass> expected = EnumSet.of(SECRET);
        expected.addAll(field.nameClasses());
        String shown = field.name().equals("Authorization") ? "Bearer " + value : value;
        add(field.location(), field.name(), shown, "secret:" + kind.name().toLowerCase(Locale.ROOT), expected, kind);
    }

    private String slackToken() {
        return switch (random.nextInt(4)) {
            case 0 -> "xoxb-" + digits(12) + "-" + digits(13) + "-" + random(ALNUM, 24);
            case 1 -> "xoxp-" + digits(12) + "-" + digits(12) + "-" + digits(13) + "-" + hex(32);
            case 2 -> "xapp-1-A" + random(UPPER_DIGITS, 10) + "-" + digits(13) + "-" + hex(64);
            default -> "xoxe.xoxp-1-" + random(ALNUM, 140);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // PASSWORD
    // ---------------------------------------------------------------------------------------------

    void passwords() {
        String[] fields = {"password", "Password", "passwd", "pwd", "new_password", "newPassword", "current_password",
            "password_confirmation", "passwordConfirm", "user.password", "credentials.password", "login.pwd",
            "old-password", "db_password", "secret", "passphrase", "admin_password", "pass"};
        for (int i = 0; i < 180; i++) {
            String password = switch (random.nextInt(5)) {
                case 0 -> capitalize(pick(WORDS)) + digits(2 + random.nextInt(3)) + pick(new String[] {"!", "#", "?", "$", ""});
                case 1 -> random(ALNUM + "!@#$%^&*()-_=+", 12 + random.nextInt(12));
                case 2 -> String.join(random.nextBoolean() ? " " : "-", pick(WORDS), pick(WORDS), pick(WORDS), pick(WORDS));
                case 3 -> random("abcdefghijklmnopqrstuvwxyz0123456789", 8);
                default -> pick(new String[] {"hunter2", "letmein", "P@ssw0rd", "123456", "qwerty123", "Welcome1!"});
            };
            String field = pick(fields);
            FieldLocation location = random.nextDouble() < 0.7 ? JSON_BODY : (random.nextBoolean() ? FORM : QUERY);
            add(location, field, password, "password:" + (field.equals("pass") ? "pass-field" : "named"), PASSWORD);
        }
        for (int i = 0; i < 30; i++) {
            String credentials = pick(FIRST_NAMES).toLowerCase(Locale.ROOT) + ":" + random(ALNUM, 10 + random.nextInt(6));
            add(HEADER, "Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)),
                    "password:basic-auth", PASSWORD);
        }
        String[][] notPasswords = {
            {"password_reset_required", "true"}, {"passwordExpiresAt", "2025-01-31T00:00:00Z"}, {"password_policy", "strong"},
            {"password_strength", "weak"}, {"passwordLastChanged", "2024-11-02"}, {"password_min_length", "12"},
            {"has_password", "false"}, {"secret_question", "What was the name of your first pet?"},
            {"passport_number", "X" + "1234567"}, {"bypass_cache", "true"}, {"password_set", "true"}
        };
        for (int i = 0; i < 80; i++) {
            String[] pair = pick(notPasswords);
            add(JSON_BODY, pair[0], pair[1], "neg:password-metadata");
        }
    }
}
