package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Classifier classifier = new Classifier();

    private static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final String JWT = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "."
            + b64url("{\"sub\":\"42\",\"exp\":1700000000}") + "." + b64url("0123456789abcdef0123456789abcdef");

    @Test
    void cardNumbersByValue() {
        assertThat(classifier.classify(FieldContext.json("payment.card_number"), "4111111111111111")).containsExactly(CARD_NUMBER);
        assertThat(classifier.classify(FieldContext.query("q"), "4111 1111 1111 1111")).containsExactly(CARD_NUMBER);
        assertThat(classifier.classify(FieldContext.json("payment.card_number"), "4111111111111112")).isEmpty();
    }

    @Test
    void luhnValidNumbersInIdentifierFieldsAreNotCards() {
        assertThat(classifier.classify(FieldContext.json("order_id"), "4111111111111111")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("tracking_number"), "4111111111111111")).isEmpty();
        // ...unless written in a card layout.
        assertThat(classifier.classify(FieldContext.json("order_id"), "4111 1111 1111 1111")).containsExactly(CARD_NUMBER);
        // A 16-digit order id that fails Luhn is never a card.
        assertThat(classifier.classify(FieldContext.json("value"), "4111111111111113")).isEmpty();
    }

    @Test
    void ssnRequiresLayoutOrName() {
        assertThat(classifier.classify(FieldContext.json("id"), "536228726")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("applicant.ssn"), "536228726")).containsExactly(US_SSN);
        assertThat(classifier.classify(FieldContext.json("id"), "536-22-8726")).containsExactly(US_SSN);
        assertThat(classifier.classify(FieldContext.json("ssn"), "900-22-8726")).isEmpty();
    }

    @Test
    void ipAddressesButNotVersions() {
        assertThat(classifier.classify(FieldContext.header("X-Forwarded-For"), "203.0.113.7, 10.0.0.1")).containsExactly(IP_ADDRESS);
        assertThat(classifier.classify(FieldContext.json("client.ip"), "2001:db8::1")).containsExactly(IP_ADDRESS);
        assertThat(classifier.classify(FieldContext.json("app_version"), "1.2.3.4")).isEmpty();
    }

    @Test
    void bearerJwtInAuthorizationHeader() {
        Classification result = classifier.classifyDetailed(FieldContext.header("Authorization"), "Bearer " + JWT);
        assertThat(result.classes()).containsExactly(DataClass.JWT);
        assertThat(result.secretKind()).isEmpty();
    }

    @Test
    void opaqueBearerTokenIsANamedCredential() {
        Classification result = classifier.classifyDetailed(FieldContext.header("Authorization"), "Bearer 3f9a1c2e7b4d4e8f9a0b1c2d3e4f5a6b");
        assertThat(result.classes()).containsExactly(SECRET);
        assertThat(result.secretKind()).contains(SecretKind.NAMED_CREDENTIAL);
        assertThat(classifier.classify(FieldContext.header("X-Request-Id"), "3f9a1c2e7b4d4e8f9a0b1c2d3e4f5a6b")).isEmpty();
    }

    @Test
    void basicAuthorizationCarriesAPassword() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:s3cr3t".getBytes(StandardCharsets.UTF_8));
        assertThat(classifier.classify(FieldContext.header("Authorization"), basic)).containsExactly(PASSWORD);
    }

    @Test
    void providerKeyShapesWinOverNamedCredential() {
        String key = "sk_live_" + "51Hx9Ab".repeat(4);
        Classification result = classifier.classifyDetailed(FieldContext.json("stripe.api_key"), key);
        assertThat(result.secretKind()).isEqualTo(Optional.of(SecretKind.STRIPE_KEY));
        // A credential-named field with a secret value can carry two classes.
        assertThat(classifier.classify(FieldContext.json("client_secret"), key)).containsExactly(SECRET, PASSWORD);
    }

    @Test
    void fieldNameClassesNeedAMatchingValueShape() {
        assertThat(classifier.classify(FieldContext.json("user.password"), "hunter2")).containsExactly(PASSWORD);
        assertThat(classifier.classify(FieldContext.json("password_reset_required"), "true")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("customer.first_name"), "Zoë")).containsExactly(PERSON_NAME);
        assertThat(classifier.classify(FieldContext.json("customer.first_name"), "12345")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("dob"), "1985-03-12")).containsExactly(DATE_OF_BIRTH);
        assertThat(classifier.classify(FieldContext.json("created_at"), "1985-03-12")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("shipping.address.line1"), "221B Baker Street")).containsExactly(POSTAL_ADDRESS);
        assertThat(classifier.classify(FieldContext.form("zip"), "94105")).containsExactly(POSTAL_ADDRESS);
        assertThat(classifier.classify(FieldContext.json("email_address"), "jane@example.com")).containsExactly(EMAIL);
    }

    @Test
    void emailAndPhoneInVariousPlaces() {
        assertThat(classifier.classify(FieldContext.cookie("remember"), "jane@example.com")).containsExactly(EMAIL);
        assertThat(classifier.classify(FieldContext.pathSegment(), "jane@example.com")).containsExactly(EMAIL);
        assertThat(classifier.classify(FieldContext.json("to"), "+44 20 7946 0958")).containsExactly(PHONE);
        assertThat(classifier.classify(FieldContext.json("phone"), "4155552671")).containsExactly(PHONE);
        assertThat(classifier.classify(FieldContext.json("count"), "4155552671")).isEmpty();
    }

    @Test
    void defaultPhoneRegionIsConfigurable() {
        Classifier german = new Classifier(new ClassifierSettings("de"));
        assertThat(german.classify(FieldContext.json("telefon"), "030 901820")).containsExactly(PHONE);
        assertThat(classifier.classify(FieldContext.json("telefon"), "030 901820")).isEmpty();
        assertThatThrownBy(() -> new ClassifierSettings("XX")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void emptyNullAndBlankValues() {
        assertThat(classifier.classify(FieldContext.json("password"), null)).isEmpty();
        assertThat(classifier.classify(FieldContext.json("password"), "")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("password"), "   ")).isEmpty();
        assertThat(classifier.classify(FieldContext.json("email"), "  jane@example.com\n")).containsExactly(EMAIL);
        assertThat(classifier.classifyDetailed(FieldContext.json("x"), "nothing here").isEmpty()).isTrue();
    }

    @Test
    void hugeValuesAreBoundedButKeepPemAndPassword() {
        String huge = "x".repeat(Classifier.MAX_INSPECTED_CHARS * 4);
        assertThat(classifier.classify(FieldContext.json("blob"), huge)).isEmpty();
        assertThat(classifier.classify(FieldContext.json("password"), huge)).containsExactly(PASSWORD);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n".repeat(2000) + "-----END PRIVATE KEY-----\n";
        assertThat(classifier.classify(FieldContext.json("key"), pem)).containsExactly(SECRET);
        // Past the inspected prefix nothing is read.
        assertThat(classifier.classify(FieldContext.json("blob"), huge + pem)).isEmpty();
    }

    @Test
    void singleClassResultsAreSharedAndImmutable() {
        var first = classifier.classify(FieldContext.json("email"), "jane@example.com");
        var second = classifier.classify(FieldContext.json("email"), "john@example.com");
        assertThat(first).isSameAs(second);
        assertThatThrownBy(() -> first.add(PHONE)).isInstanceOf(UnsupportedOperationException.class);
    }
}
