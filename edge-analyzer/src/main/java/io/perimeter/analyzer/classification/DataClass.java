package io.perimeter.analyzer.classification;

/**
 * A kind of sensitive data that the analyzer recognises in a value. The data class, never the value,
 * is what crosses the perimeter ({@code response.body.email: string, EMAIL}).
 */
public enum DataClass {
    /** An e-mail address (a pragmatic subset of RFC 5322 with a top-level domain). */
    EMAIL("E-mail address", true),
    /** A telephone number valid in its numbering plan (libphonenumber). */
    PHONE("Telephone number valid in its numbering plan", true),
    /** A payment card number (PAN): Luhn check digit plus a known issuer range and length. */
    CARD_NUMBER("Payment card number (PAN)", true),
    /** An International Bank Account Number: country length and mod-97 check digits. */
    IBAN("International Bank Account Number", true),
    /** A US Social Security number that the SSA could have issued. */
    US_SSN("US Social Security number", true),
    /** An IPv4 or IPv6 address in textual form. */
    IP_ADDRESS("IPv4 or IPv6 address", true),
    /** A JSON Web Token (JWS or JWE compact serialisation). */
    JWT("JSON Web Token", true),
    /** An API key, access token or private key with a known shape; see {@link SecretKind}. */
    SECRET("API key, token or private key (see SecretKind)", true),
    /** A password or shared secret, recognised by its field name. */
    PASSWORD("Password or shared secret (by field name)", false),
    /** A person's name, recognised by its field name and a name-like value. */
    PERSON_NAME("Person's name (by field name, name-like value)", false),
    /** A street address or postal code, recognised by its field name and an address-like value. */
    POSTAL_ADDRESS("Street address or postal code (by field name, address-like value)", false),
    /** A date of birth, recognised by its field name and a date-like value. */
    DATE_OF_BIRTH("Date of birth (by field name, date-like value)", false);

    private final String description;
    private final boolean validatorBacked;

    DataClass(String description, boolean validatorBacked) {
        this.description = description;
        this.validatorBacked = validatorBacked;
    }

    /** A short human-readable description, used in documentation and the console. */
    public String description() {
        return description;
    }

    /**
     * Whether the class is recognised by validating the value itself (a checksum, a numbering plan, a
     * token format), as opposed to from the field name with a value-shape confirmation.
     */
    public boolean validatorBacked() {
        return validatorBacked;
    }
}
