package io.perimeter.cloud.inventory;

import java.util.List;

/** The perimeter contract's names for data classes and auth schemes: what the inventory filters accept. */
final class Vocabulary {
    static final List<String> DATA_CLASSES = List.of("EMAIL", "PHONE", "CARD_NUMBER", "IBAN", "US_SSN", "IP_ADDRESS",
            "JWT", "SECRET", "PASSWORD", "PERSON_NAME", "POSTAL_ADDRESS", "DATE_OF_BIRTH");
    static final List<String> AUTH_SCHEMES = List.of("none", "basic", "digest", "bearer-jwt", "bearer-opaque",
            "api-key", "cookie-session", "other");

    private Vocabulary() {}
}
