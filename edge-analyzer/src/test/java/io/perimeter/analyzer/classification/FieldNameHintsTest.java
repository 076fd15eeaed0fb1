package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.FieldNameHints.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldNameHintsTest {

    private static boolean has(String path, int hint) {
        return (FieldNameHints.analyze(path) & hint) != 0;
    }

    @ParameterizedTest
    @CsvSource({
        "password, true", "new_password, true", "passwordConfirmation, true", "user.pwd, true", "PASSWD, true",
        "client_secret, true", "secret, true", "password_hash, true", "dbpassword, true", "x-password, true",
        "password_reset_required, false", "passwordExpiresAt, false", "password_policy, false",
        "secretName, false", "passport_number, false", "bypass, false", "secret_question, false"
    })
    void passwords(String name, boolean expected) {
        assertThat(has(name, PASSWORD)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "first_name, true", "lastName, true", "full-name, true", "FIRSTNAME, true", "customer.name, true",
        "user.name, true", "customer_name, true", "cardholderName, true", "name.given, true", "name_on_card, true",
        "billing.last_name, true", "card.holder, true",
        "username, false", "user_name, false", "product.name, false", "name, false", "file_name, false",
        "company_name, false", "display_name, false", "last_login, false", "street_name, false"
    })
    void personNames(String name, boolean expected) {
        assertThat(has(name, PERSON_NAME)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "dob, true", "date_of_birth, true", "dateOfBirth, true", "birthDate, true", "birthday, true",
        "patient.birth_date, true", "created_at, false", "birth_place, false", "birthplace, false"
    })
    void datesOfBirth(String name, boolean expected) {
        assertThat(has(name, DATE_OF_BIRTH)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "address, true", "billing_address, true", "shippingAddress.street, true", "address.line1, true",
        "addressLine2, true", "street_address, true", "user[address][street], true",
        "email_address, false", "ip_address, false", "remote_addr, false", "wallet_address, false",
        "address_id, false", "address.city, false", "mac_address, false"
    })
    void addressText(String name, boolean expected) {
        assertThat(has(name, ADDRESS_TEXT)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "zip, true", "zipCode, true", "postal_code, true", "postcode, true", "address.zip, true", "PLZ, true",
        "zip_url, false", "code, false", "country_code, false"
    })
    void postalCodes(String name, boolean expected) {
        assertThat(has(name, POSTAL_CODE)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "phone, true", "phoneNumber, true", "mobile_number, true", "contact.phone, true", "phones[0], true",
        "phone.number, true", "fax, true", "msisdn, true", "contact_number, true",
        "phone_verified, false", "order_number, false", "number, false"
    })
    void phones(String name, boolean expected) {
        assertThat(has(name, PHONE)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "api_key, true", "x-api-key, true", "X-Api-Key, true", "apiKey, true", "access_token, true",
        "Authorization, true", "refreshToken, true", "token, true", "session, true", "JSESSIONID, true",
        "session_id, true", "connect.sid, true", "Private-Token, true",
        "next_page_token, false", "X-CSRF-Token, false", "token_type, false", "access_token_expires_in, false",
        "api_key_id, false", "public_key, false", "idempotency_key, false", "device_token, false"
    })
    void credentials(String name, boolean expected) {
        assertThat(has(name, CREDENTIAL)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "order_id, true", "orderNumber, true", "tracking_number, true", "id, true", "transaction.id, true",
        "created_at, true", "card_number, false", "cc, false"
    })
    void otherIdentifiers(String name, boolean expected) {
        assertThat(has(name, OTHER_IDENTIFIER)).as(name).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ssn, true", "SSN, true", "social_security_number, true", "customer.ssn, true", "ssnNumber, true", "id, false"})
    void ssn(String name, boolean expected) {
        assertThat(has(name, SSN)).as(name).isEqualTo(expected);
    }

    /** A shared context keeps the hints read from its name, for every field name of the labelled corpus. */
    @Test
    void sharedContextsKeepTheHintsOfTheirName() {
        List<String> fields = LabelledCorpus.read(LabelledCorpus.FILE).stream().map(LabelledSample::field)
                .filter(Objects::nonNull).filter(f -> !f.isEmpty()).distinct().toList();
        assertThat(fields.stream().filter(f -> FieldNameHints.read(f) != 0)).hasSizeGreaterThan(50);
        for (String field : fields) {
            FieldContext context = FieldContext.json(field);
            assertThat(context.hints()).as(field).isEqualTo(FieldNameHints.read(field));
            assertThat(FieldContext.json(field)).isSameAs(context);
        }
        String longName = "customer." + "x".repeat(300) + "_password";
        assertThat(FieldContext.json(longName).hints()).isEqualTo(FieldNameHints.read(longName)).isNotZero();
    }
}
