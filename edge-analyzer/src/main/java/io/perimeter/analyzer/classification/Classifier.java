package io.perimeter.analyzer.classification;

import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the {@link DataClass data classes} of one value of an API call.
 *
 * <p>The caller that walks a message (JSON body, form, query string, path, headers, cookies) calls
 * {@link #classify} once per leaf value with the value's {@link FieldContext}. Classification combines
 * two kinds of evidence:
 *
 * <ul>
 *   <li><b>The value's shape, validated</b> for EMAIL, PHONE, CARD_NUMBER, IBAN, US_SSN, IP_ADDRESS, JWT
 *       and SECRET (checksums, issuer ranges, numbering plans, token formats; see each detector);
 *   <li><b>The field name</b> ({@link FieldNameHints}) for PASSWORD, PERSON_NAME, POSTAL_ADDRESS and
 *       DATE_OF_BIRTH, confirmed by the value's shape where the class has one, and as context for the
 *       validated classes: an ungrouped number in a field named as another identifier
 *       ({@code order_id}, {@code tracking_number}) is not taken for a card even if it passes Luhn; a
 *       bare nine-digit number is an SSN only in a field named as one; a national phone number without
 *       punctuation only in a field named as a phone; a value in a {@code version} field is neither an
 *       IP address nor a phone number; an opaque token is a {@link SecretKind#NAMED_CREDENTIAL} only in
 *       a credential-named field ({@code api_key}, {@code Authorization: Bearer …}, session cookies).
 * </ul>
 *
 * <p>Values are matched whole, after trimming surrounding whitespace, a {@code Bearer} (or, in an
 * {@code Authorization} field, any) scheme prefix, a {@code mailto:} prefix or a display name around an
 * address. A value that is free text (it has spaces and nothing matched it whole) is also cut into
 * tokens and searched for e-mail addresses, IP addresses, JWTs, provider secrets, formatted SSNs,
 * contiguous card numbers and electronic IBANs, and for punctuated or international phone numbers
 * ({@link FreeTextScanner}). PEM private keys are found anywhere in the first
 * {@value #MAX_INSPECTED_CHARS} characters.
 *
 * <p><b>Bounded work.</b> At most {@value #MAX_INSPECTED_CHARS} characters of a value are read. A longer
 * value is only checked for a PEM private key at its start and for a password-named field; every other
 * class has a far shorter maximum length and is rejected by length first. One pass over the value
 * ({@link ValueShape}: digits, dots, colons, {@code @}, longest word) rules out the detectors whose format
 * the value cannot have, and each detector begins with constant-time checks (length, first character), so
 * that a typical value costs a few dozen character comparisons; only phone-number candidates reach
 * libphonenumber (about 2 µs each, and its text matcher only for prose that holds seven digits or more in a
 * phone-shaped run), which allocates.
 *
 * <p>Immutable and thread-safe: one instance can serve all threads. It never logs or keeps values.
 */
public final class Classifier {

    /** Characters of a value that classification reads at most. */
    public static final int MAX_INSPECTED_CHARS = 16_384;

    private static final DataClass[] CLASSES = DataClass.values();
    private static final SecretKind[] KINDS = SecretKind.values();
    private static final List<Set<DataClass>> SINGLETONS = singletons();

    private static final int EMAIL = bit(DataClass.EMAIL);
    private static final int PHONE = bit(DataClass.PHONE);
    private static final int CARD = bit(DataClass.CARD_NUMBER);
    private static final int IBAN = bit(DataClass.IBAN);
    private static final int SSN = bit(DataClass.US_SSN);
    private static final int IP = bit(DataClass.IP_ADDRESS);
    private static final int JWT = bit(DataClass.JWT);
    private static final int SECRET = bit(DataClass.SECRET);
    private static final int PASSWORD = bit(DataClass.PASSWORD);
    private static final int PERSON_NAME = bit(DataClass.PERSON_NAME);
    private static final int POSTAL_ADDRESS = bit(DataClass.POSTAL_ADDRESS);
    private static final int DATE_OF_BIRTH = bit(DataClass.DATE_OF_BIRTH);

    /** Classes that {@link FreeTextScanner} looks for; a whole-value match makes the scan pointless. */
    private static final int TEXT_SCANNED = EMAIL | JWT | SSN | CARD | IBAN | IP | PHONE;

    private final PhoneDetector phones;

    /** A classifier with {@link ClassifierSettings#defaults()}. */
    public Classifier() {
        this(ClassifierSettings.defaults());
    }

    /** A classifier with the given settings. */
    public Classifier(ClassifierSettings settings) {
        Objects.requireNonNull(settings, "settings");
        this.phones = new PhoneDetector(settings.defaultPhoneRegion());
    }

    /**
     * The data classes of {@code value}.
     *
     * @param context where the value sits, not {@code null}
     * @param value the value as text (numbers and booleans in their JSON spelling); {@code null} or
     *     blank yields no class
     * @return an immutable set, empty when nothing was found; allocation-free when the set is empty or
     *     has one element
     */
    public Set<DataClass> classify(FieldContext context, String value) {
        return setOf(classes(detect(context, value)));
    }

    /** Like {@link #classify}, and also says which {@link SecretKind} matched. */
    public Classification classifyDetailed(FieldContext context, String value) {
        long result = detect(context, value);
        int classes = classes(result);
        if (classes == 0) {
            return Classification.NONE;
        }
        int kind = (int) (result >>> 32);
        return new Classification(setOf(classes), kind == 0 ? Optional.empty() : Optional.of(KINDS[kind - 1]));
    }

    /** Low 32 bits: class mask; high 32 bits: secret kind ordinal + 1, or 0. */
    private long detect(FieldContext context, String value) {
        Objects.requireNonNull(context, "context");
        if (value == null) {
            return 0;
        }
        int from = 0;
        int to = value.length();
        while (from < to && value.charAt(from) <= ' ') {
            from++;
        }
        while (to > from && value.charAt(to - 1) <= ' ') {
            to--;
        }
        if (from == to) {
            return 0;
        }
        int hints = context.hints();
        if (to - from > MAX_INSPECTED_CHARS) {
            int classes = (hints & FieldNameHints.PASSWORD) != 0 ? PASSWORD : 0;
            if (SecretDetector.isPemPrivateKey(value)) {
                return result(classes | SECRET, SecretKind.PRIVATE_KEY_PEM);
            }
            return classes;
        }
        String v = from == 0 && to == value.length() ? value : value.substring(from, to);

        // An authorization scheme in front of the credential: "Bearer <token>", "Basic <base64>", ...
        boolean bearer = false;
        if (v.regionMatches(true, 0, "Bearer ", 0, 7)) {
            v = v.substring(7).strip();
            bearer = true;
        } else if ((hints & FieldNameHints.AUTHORIZATION) != 0) {
            int space = v.indexOf(' ');
            if (space > 0 && space <= 16) {
                if (v.regionMatches(true, 0, "Basic ", 0, 6)) {
                    return isBasicCredentials(v.substring(6).strip()) ? PASSWORD : 0;
                }
                v = v.substring(space + 1).strip();
                bearer = true;
            }
        }
        if (v.isEmpty()) {
            return 0;
        }
        return detectValue(v, hints, bearer);
    }

    private long detectValue(String v, int hints, boolean credentialContext) {
        int len = v.length();
        char c0 = v.charAt(0);
        boolean digitFirst = c0 >= '0' && c0 <= '9';
        // The shape is read only for the detectors below that use it: card numbers and SSNs (a digit first) here, then
        // IP addresses, phone numbers and free text once a JWT has been ruled out (a JWT, "ey" or "ew" and base64url,
        // is none of them).
        ValueShape shape = digitFirst ? ValueShape.of(v) : null;
        int classes = 0;

        if (digitFirst && shape.mayBeCardNumber() && len <= CardNumberDetector.MAX_CHARS
                && CardNumberDetector.isCardNumber(v)) {
            boolean grouped = v.indexOf(' ') >= 0 || v.indexOf('-') >= 0;
            if (grouped || (hints & FieldNameHints.CARD) != 0 || (hints & FieldNameHints.OTHER_IDENTIFIER) == 0) {
                classes |= CARD;
            }
        }
        if (digitFirst && shape.mayBeSsn() && (len == 9 || len == 11) && SsnDetector.isSsn(v, (hints & FieldNameHints.SSN) != 0)) {
            classes |= SSN;
        }
        if (len >= IbanDetector.MIN_CHARS && len <= IbanDetector.MAX_CHARS && isAsciiLetter(c0) && IbanDetector.isIban(v)) {
            classes |= IBAN;
        }
        if (len <= EmailDetector.MAX_CHARS && v.indexOf('@') > 0 && EmailDetector.isEmail(v)) {
            classes |= EMAIL;
        }
        if (c0 == 'e' && JwtDetector.isJwt(v)) {
            classes |= JWT;
        }
        if (shape == null && (classes & JWT) == 0 && (c0 == '+' || c0 == '('
                || len >= FreeTextScanner.MIN_CHARS && (v.indexOf(' ') >= 0 || v.indexOf('\n') >= 0)
                || IpAddressDetector.mayStartWith(c0) && (!isAsciiLetter(c0) || v.indexOf(':') >= 0))) {
            // else a word that starts with a letter: only an IPv6 address (two colons at least) would read the shape
            shape = ValueShape.of(v);
        }
        if ((hints & FieldNameHints.VERSION) == 0 && shape != null && shape.mayBeIpAddress() && len <= IpAddressDetector.MAX_CHARS
                && IpAddressDetector.isIpAddress(v)) {
            classes |= IP;
        }
        if ((classes & (CARD | SSN | IP)) == 0 && (hints & FieldNameHints.VERSION) == 0
                && len >= PhoneDetector.MIN_CHARS && len <= PhoneDetector.MAX_CHARS
                && (digitFirst || c0 == '+' || c0 == '(') && shape != null && shape.mayBePhoneNumber()
                && phones.isPhoneNumber(v, (hints & FieldNameHints.PHONE) != 0)) {
            classes |= PHONE;
        }
        SecretKind kind = SecretDetector.detect(v);
        if ((classes & TEXT_SCANNED) == 0 && kind == null && shape != null && shape.mayHoldTokens() && FreeTextScanner.isText(v)) {
            FreeTextScanner.Found found = FreeTextScanner.scan(v, phones, shape.mayBePhoneNumber());
            classes |= found.classes() & ~SECRET;
            kind = found.secretKind();
        }

        // Classes named by the field, confirmed by the value's shape.
        if ((hints & FieldNameHints.PASSWORD) != 0 && !TextShapes.isLiteral(v)) {
            classes |= PASSWORD;
        }
        if ((hints & FieldNameHints.PERSON_NAME) != 0 && TextShapes.looksLikePersonName(v)) {
            classes |= PERSON_NAME;
        }
        if (((hints & FieldNameHints.ADDRESS_TEXT) != 0 && TextShapes.looksLikeAddress(v))
                || ((hints & FieldNameHints.POSTAL_CODE) != 0 && TextShapes.looksLikePostalCode(v))) {
            classes |= POSTAL_ADDRESS;
        }
        if ((hints & FieldNameHints.DATE_OF_BIRTH) != 0 && TextShapes.looksLikeDate(v)) {
            classes |= DATE_OF_BIRTH;
        }
        if (kind == null && (classes & JWT) == 0
                && (credentialContext || (hints & FieldNameHints.CREDENTIAL) != 0)
                && SecretDetector.looksLikeOpaqueToken(v)) {
            kind = SecretKind.NAMED_CREDENTIAL;
        }
        return kind == null ? classes : result(classes | SECRET, kind);
    }

    /** {@code user:password} in base64, as HTTP Basic authentication sends it. */
    private static boolean isBasicCredentials(String encoded) {
        if (encoded.length() < 4 || encoded.length() > 1024) {
            return false;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            for (int i = 0; i < decoded.length; i++) {
                if (decoded[i] == ':') {
                    return i + 1 < decoded.length;
                }
            }
            return false;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static long result(int classes, SecretKind kind) {
        return ((long) (kind.ordinal() + 1) << 32) | (classes & 0xFFFFFFFFL);
    }

    private static int classes(long result) {
        return (int) result;
    }

    private static int bit(DataClass dataClass) {
        return 1 << dataClass.ordinal();
    }

    private static List<Set<DataClass>> singletons() {
        Set<DataClass>[] sets = newSetArray(CLASSES.length);
        for (DataClass dataClass : CLASSES) {
            sets[dataClass.ordinal()] = Set.of(dataClass);
        }
        return List.of(sets);
    }

    @SuppressWarnings("unchecked")
    private static Set<DataClass>[] newSetArray(int size) {
        return (Set<DataClass>[]) new Set<?>[size];
    }

    private static Set<DataClass> setOf(int classes) {
        if (classes == 0) {
            return Set.of();
        }
        if (Integer.bitCount(classes) == 1) {
            return SINGLETONS.get(Integer.numberOfTrailingZeros(classes));
        }
        EnumSet<DataClass> set = EnumSet.noneOf(DataClass.class);
        for (DataClass dataClass : CLASSES) {
            if ((classes & bit(dataClass)) != 0) {
                set.add(dataClass);
            }
        }
        return Collections.unmodifiableSet(set);
    }
}
