package io.perimeter.analyzer.classification;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a field name says about its value.
 *
 * <p>The last named segment of the field path is split into words at separators ({@code _ - . space}
 * and digits), at camelCase boundaries ({@code dateOfBirth}, {@code SSNNumber} → {@code ssn number})
 * and compared, case-insensitively, with a vocabulary of words (English plus a few common German,
 * French and Portuguese field words). Run-together lower-case names are in the vocabulary as their own
 * words ({@code firstname}, {@code zipcode}, {@code dateofbirth}); any word ending in {@code password}
 * or {@code passwd} counts as that word. The parent segment is consulted for a few shapes
 * ({@code customer.name}, {@code name.first}, {@code address.line1}, {@code phone.number},
 * {@code card.number}).
 *
 * <p>The rules look at the <em>head</em> word (the last one) so that modifiers do not turn a flag into
 * the thing it describes: {@code password} and {@code new_password} are passwords,
 * {@code password_reset_required} and {@code passwordExpiresAt} are not; {@code access_token} is a
 * credential, {@code access_token_expires_in} is not.
 *
 * <p>The result is a bit set of the {@code int} constants below. Analysing a name allocates nothing
 * and reads at most {@value #MAX_SEGMENT_CHARS} characters of each of the two segments. The same names come
 * back on every call of an endpoint, so the hints of up to {@value #CACHED_NAMES} names (of at most
 * {@value #MAX_CACHED_NAME_CHARS} characters) are remembered: the hints are a function of the name alone, so a
 * remembered answer is the answer. When the table is full it is emptied and fills again with the names in use
 * (a stream of names that never repeat, such as map keys that are values, costs one look-up each). Thread-safe.
 */
final class FieldNameHints {

    // ---- Hints (the result) -------------------------------------------------------------------
    /** The field holds a password or shared secret. */
    static final int PASSWORD = 1;
    /** The field holds a person's name. */
    static final int PERSON_NAME = 1 << 1;
    /** The field holds a street address or an address line. */
    static final int ADDRESS_TEXT = 1 << 2;
    /** The field holds a postal code. */
    static final int POSTAL_CODE = 1 << 3;
    /** The field holds a date of birth. */
    static final int DATE_OF_BIRTH = 1 << 4;
    /** The field holds a phone number. */
    static final int PHONE = 1 << 5;
    /** The field holds a US Social Security number. */
    static final int SSN = 1 << 6;
    /** The field holds a payment card number. */
    static final int CARD = 1 << 7;
    /** The field holds an identifier, counter or time of something else (order id, tracking number, timestamp). */
    static final int OTHER_IDENTIFIER = 1 << 8;
    /** The field holds a version number. */
    static final int VERSION = 1 << 9;
    /** The field holds a credential: API key, access token, session id. */
    static final int CREDENTIAL = 1 << 10;
    /** The field is an {@code Authorization} header (scheme and credentials). */
    static final int AUTHORIZATION = 1 << 11;

    static final int MAX_SEGMENT_CHARS = 128;

    // ---- Word classes (vocabulary) ------------------------------------------------------------
    private static final long W_PASSWORD = 1L;
    private static final long W_PASSWORD_TAIL = 1L << 1;
    private static final long W_NAME = 1L << 2;
    private static final long W_NAME_PART = 1L << 3;
    private static final long W_PERSON_NAME = 1L << 4;
    private static final long W_PERSON_ROLE = 1L << 5;
    private static final long W_USER = 1L << 6;
    private static final long W_HOLDER = 1L << 7;
    private static final long W_BIRTH = 1L << 8;
    private static final long W_BIRTH_NOT_DATE = 1L << 9;
    private static final long W_ADDRESS = 1L << 10;
    private static final long W_STREET = 1L << 11;
    private static final long W_LINE = 1L << 12;
    private static final long W_POSTAL = 1L << 13;
    private static final long W_POSTAL_CODE = 1L << 14;
    private static final long W_CODE = 1L << 15;
    private static final long W_NUMBER = 1L << 16;
    private static final long W_DIGITAL = 1L << 17;
    private static final long W_PHONE = 1L << 18;
    private static final long W_CONTACT = 1L << 19;
    private static final long W_SSN = 1L << 20;
    private static final long W_SOCIAL = 1L << 21;
    private static final long W_SECURITY = 1L << 22;
    private static final long W_CARD = 1L << 23;
    private static final long W_ID = 1L << 24;
    private static final long W_OTHER_ID = 1L << 25;
    private static final long W_VERSION = 1L << 26;
    private static final long W_TOKEN = 1L << 27;
    private static final long W_TOKEN_QUALIFIER = 1L << 28;
    private static final long W_CREDENTIAL = 1L << 29;
    private static final long W_KEY = 1L << 30;
    private static final long W_KEY_QUALIFIER = 1L << 31;
    private static final long W_NOT_CREDENTIAL = 1L << 32;
    private static final long W_SESSION = 1L << 33;
    private static final long W_AUTHORIZATION = 1L << 34;

    private static final Vocabulary VOCABULARY = new Vocabulary(vocabulary());

    private static Map<String, Long> vocabulary() {
        Map<String, Long> words = new LinkedHashMap<>();
        add(words, W_PASSWORD, "password", "passwords", "passwd", "pwd", "pw", "passphrase", "passcode", "passwort",
                "kennwort", "contraseña", "contrasena", "senha", "secret");
        add(words, W_PASSWORD_TAIL, "hash", "hashed", "confirmation", "confirm", "again", "repeat", "repeated", "plain",
                "plaintext", "digest", "key", "new", "old", "current", "value", "retype");
        add(words, W_NAME, "name");
        add(words, W_NAME_PART, "first", "last", "given", "family", "full", "middle", "maiden", "sur", "fore");
        add(words, W_PERSON_NAME, "firstname", "lastname", "fullname", "givenname", "givennames", "familyname",
                "surname", "surnames", "forename", "forenames", "middlename", "maidenname", "fname", "lname", "vorname",
                "nachname", "prenom", "prénom", "cardholdername", "holdername", "nombre", "apellido", "apellidos");
        add(words, W_PERSON_ROLE, "customer", "holder", "cardholder", "accountholder", "policyholder", "contact",
                "patient", "employee", "member", "recipient", "sender", "passenger", "guest", "applicant", "beneficiary",
                "payee", "payer", "student", "driver", "traveler", "traveller", "buyer", "signer", "signatory", "person",
                "owner", "billing", "shipping", "spouse", "guardian", "parent", "child", "mother", "father", "doctor",
                "physician", "teacher", "client", "subscriber", "consumer", "candidate", "insured", "resident",
                "citizen", "visitor", "attendee", "participant", "addressee", "consignee", "kunde", "author");
        add(words, W_USER, "user", "profile");
        add(words, W_HOLDER, "holder", "cardholder", "accountholder", "policyholder");
        add(words, W_BIRTH, "birth", "dob", "birthday", "birthdate", "dateofbirth", "bday", "born", "geburtsdatum",
                "geburtstag", "naissance", "nascimento");
        add(words, W_BIRTH_NOT_DATE, "place", "city", "country", "name", "certificate", "number", "weight", "rank",
                "order", "location", "state", "province", "town");
        add(words, W_ADDRESS, "address", "addresses", "addr", "adresse", "anschrift", "endereco", "endereço", "direccion",
                "dirección");
        add(words, W_STREET, "street", "streetaddress", "strasse", "straße", "rue", "calle");
        add(words, W_LINE, "line");
        add(words, W_POSTAL, "postal", "post", "zip");
        add(words, W_POSTAL_CODE, "zip", "zipcode", "postcode", "postalcode", "plz", "postleitzahl", "cep", "pincode",
                "eircode");
        add(words, W_CODE, "code");
        add(words, W_NUMBER, "number", "num", "no", "nr", "nbr");
        add(words, W_DIGITAL, "email", "mail", "emailaddress", "ip", "ipaddress", "ipv4", "ipv6", "mac", "macaddress",
                "remote", "wallet", "server", "host", "web", "bind", "network", "net", "bitcoin", "btc", "eth",
                "ethereum", "crypto", "contract", "url", "uri", "listen", "proxy", "gateway", "dns", "local", "peer",
                "socket", "forwarded", "origin", "node", "endpoint", "smtp", "memory", "hex", "public", "source",
                "destination", "src", "dst", "nat", "broadcast", "multicast", "hardware", "bluetooth", "reply",
                "deposit", "validator");
        add(words, W_PHONE, "phone", "phones", "telephone", "tel", "mobile", "cell", "cellphone", "cellular", "fax",
                "msisdn", "phonenumber", "mobilenumber", "telephonenumber", "telefon", "telefone", "telefono",
                "teléfono", "whatsapp", "landline", "handy");
        add(words, W_CONTACT, "contact");
        add(words, W_SSN, "ssn", "socialsecuritynumber", "socialsecurity");
        add(words, W_SOCIAL, "social");
        add(words, W_SECURITY, "security");
        add(words, W_CARD, "card", "cards", "cardnumber", "creditcard", "debitcard", "ccnumber", "ccnum", "pan", "cc",
                "paymentcard");
        add(words, W_ID, "id", "ids", "uuid", "guid", "identifier");
        add(words, W_OTHER_ID, "order", "orders", "invoice", "tracking", "reference", "ref", "sku", "seq", "sequence",
                "serial", "nonce", "timestamp", "ts", "epoch", "time", "created", "updated", "modified", "deleted",
                "count", "total", "amount", "price", "balance", "quantity", "qty", "transaction", "txn", "tx",
                "shipment", "parcel", "barcode", "ean", "upc", "isbn", "gtin", "imei", "iccid", "batch", "lot",
                "ticket", "booking", "confirmation", "receipt", "request", "trace", "span", "correlation", "offset",
                "cursor", "page", "size", "length", "bytes", "duration", "millis", "ms", "nanos", "ns", "build",
                "revision", "checksum", "hash", "crc", "port", "pid", "uid", "gid", "version", "routing", "aba",
                "swift", "bic", "vin", "vat", "ein", "npi", "product", "item", "event", "message", "shard");
        add(words, W_VERSION, "version", "ver", "build", "release", "revision", "firmware", "semver");
        add(words, W_TOKEN, "token", "tokens");
        add(words, W_TOKEN_QUALIFIER, "access", "refresh", "auth", "bearer", "private", "api", "session", "oauth",
                "personal", "id", "client", "security", "identity", "authentication", "jwt", "sso", "login", "app",
                "bot", "service", "admin", "master", "user", "github", "gitlab", "slack", "npm");
        add(words, W_CREDENTIAL, "apikey", "apitoken", "accesstoken", "authtoken", "refreshtoken", "idtoken",
                "sessionid", "sessionkey", "sessiontoken", "sessid", "jsessionid", "phpsessid", "bearer", "xapikey");
        add(words, W_KEY, "key", "keys");
        add(words, W_KEY_QUALIFIER, "api", "private", "signing", "encryption", "master", "subscription", "service",
                "client", "app", "access", "secret");
        add(words, W_NOT_CREDENTIAL, "page", "next", "continuation", "pagination", "cursor", "csrf", "xsrf", "sync",
                "device", "push", "fcm", "apns", "registration", "verification", "reset", "invite", "invitation",
                "confirmation", "unsubscribe", "public", "publishable", "idempotency", "notification", "upload",
                "download", "share", "sharing", "cancel", "cancellation", "captcha", "recaptcha", "turnstile");
        add(words, W_SESSION, "session", "sid", "sessionid", "sessid", "jsessionid", "phpsessid");
        add(words, W_AUTHORIZATION, "authorization", "authorisation");
        return words;
    }

    private static void add(Map<String, Long> words, long flag, String... list) {
        for (String word : list) {
            words.merge(word, flag, (a, b) -> a | b);
        }
    }

    private FieldNameHints() {}

    /**
     * The hints of {@code fieldPath}, or 0 when it is {@code null} or says nothing known. Read from the words every
     * time: {@link FieldContext} keeps the answer, once per field name ({@link FieldContext#shared}).
     */
    static int analyze(String fieldPath) {
        return fieldPath == null || fieldPath.isEmpty() ? 0 : read(fieldPath);
    }

    /** The hints of a non-empty {@code fieldPath}, read from its words. */
    static int read(String fieldPath) {
        // Last named segment.
        int segEnd = fieldPath.length();
        int segStart;
        while (true) {
            segStart = segmentStart(fieldPath, segEnd);
            if (hasLetter(fieldPath, segStart, segEnd)) {
                break;
            }
            if (segStart == 0) {
                return 0;
            }
            segEnd = segStart - 1;
        }
        // Parent named segment (0 flags if none).
        long parent = 0;
        int parentEnd = segStart - 1;
        while (parentEnd > 0) {
            int parentStart = segmentStart(fieldPath, parentEnd);
            if (hasLetter(fieldPath, parentStart, parentEnd)) {
                parent = segmentFlags(fieldPath, parentStart, parentEnd);
                break;
            }
            parentEnd = parentStart - 1;
        }
        // Words of the last segment: union, last word, the one before it, and how many.
        long all = 0;
        long last = 0;
        long previous = 0;
        long first = 0;
        int words = 0;
        int i = Math.max(segStart, segEnd - MAX_SEGMENT_CHARS);
        while (i < segEnd) {
            int start = wordStart(fieldPath, i, segEnd);
            if (start >= segEnd) {
                break;
            }
            int end = wordEnd(fieldPath, start, segEnd);
            long flags = VOCABULARY.lookup(fieldPath, start, end);
            previous = last;
            last = flags;
            if (words == 0) {
                first = flags;
            }
            all |= flags;
            words++;
            i = end;
        }
        return rules(all, last, previous, first, words, parent);
    }

    private static int rules(long all, long last, long previous, long first, int words, long parent) {
        int hints = 0;
        if ((all & W_PASSWORD) != 0
                && ((last & W_PASSWORD) != 0 || ((last & W_PASSWORD_TAIL) != 0 && (previous & W_PASSWORD) != 0))) {
            hints |= PASSWORD;
        }
        boolean lastIsName = (last & W_NAME) != 0;
        if ((last & (W_PERSON_NAME | W_HOLDER)) != 0
                || (lastIsName && (previous & (W_NAME_PART | W_PERSON_ROLE)) != 0)
                || (lastIsName && words == 1 && (parent & (W_PERSON_ROLE | W_USER)) != 0)
                || (words == 1 && (last & W_NAME_PART) != 0 && (parent & W_NAME) != 0)
                || (words >= 3 && (first & W_NAME) != 0 && (last & W_CARD) != 0)) {
            hints |= PERSON_NAME;
        }
        if ((all & W_BIRTH) != 0 && (last & W_BIRTH_NOT_DATE) == 0) {
            hints |= DATE_OF_BIRTH;
        }
        boolean digital = ((all | parent) & W_DIGITAL) != 0;
        if (!digital) {
            if ((last & (W_ADDRESS | W_STREET)) != 0
                    || ((last & W_LINE) != 0 && ((previous | parent) & W_ADDRESS) != 0)
                    || (lastIsName && (previous & W_STREET) != 0)) {
                hints |= ADDRESS_TEXT;
            }
            if ((last & W_POSTAL_CODE) != 0 || ((last & W_CODE) != 0 && (previous & W_POSTAL) != 0)) {
                hints |= POSTAL_CODE;
            }
        }
        if ((last & W_PHONE) != 0
                || ((last & W_NUMBER) != 0 && (previous & (W_PHONE | W_CONTACT)) != 0)
                || (words == 1 && (last & W_NUMBER) != 0 && (parent & W_PHONE) != 0)) {
            hints |= PHONE;
        }
        if ((all & W_SSN) != 0 || ((all & W_SOCIAL) != 0 && (all & W_SECURITY) != 0)) {
            hints |= SSN;
        }
        if (((all & W_CARD) != 0 && (last & W_ID) == 0)
                || (words == 1 && (last & W_NUMBER) != 0 && (parent & W_CARD) != 0)) {
            hints |= CARD;
        }
        if ((last & W_ID) != 0 || (all & W_OTHER_ID) != 0) {
            hints |= OTHER_IDENTIFIER;
        }
        if ((all & W_VERSION) != 0) {
            hints |= VERSION;
        }
        if ((last & W_AUTHORIZATION) != 0) {
            hints |= AUTHORIZATION | CREDENTIAL;
        }
        boolean credentialHead = (last & W_CREDENTIAL) != 0
                || ((last & W_TOKEN) != 0 && (words == 1 || (previous & W_TOKEN_QUALIFIER) != 0))
                || ((last & W_KEY) != 0 && (previous & W_KEY_QUALIFIER) != 0)
                || ((last & W_SESSION) != 0 && words == 1)
                || ((last & (W_ID | W_KEY | W_TOKEN)) != 0 && (previous & W_SESSION) != 0);
        if (credentialHead && (all & W_NOT_CREDENTIAL) == 0) {
            hints |= CREDENTIAL;
        }
        return hints;
    }

    /** Union of the word classes of the segment {@code [from, to)}. */
    private static long segmentFlags(String s, int from, int to) {
        long all = 0;
        int i = Math.max(from, to - MAX_SEGMENT_CHARS);
        while (i < to) {
            int start = wordStart(s, i, to);
            if (start >= to) {
                break;
            }
            int end = wordEnd(s, start, to);
            all |= VOCABULARY.lookup(s, start, end);
            i = end;
        }
        return all;
    }

    private static boolean isSegmentSeparator(char c) {
        return c == '.' || c == '[' || c == ']' || c == '/';
    }

    private static int segmentStart(String s, int end) {
        int i = end;
        while (i > 0 && !isSegmentSeparator(s.charAt(i - 1))) {
            i--;
        }
        return i;
    }

    private static boolean hasLetter(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static int wordStart(String s, int from, int to) {
        int i = from;
        while (i < to && !Character.isLetter(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of the word starting at {@code start}: a non-letter, {@code aB} or {@code ABc} ends it. */
    private static int wordEnd(String s, int start, int to) {
        int i = start + 1;
        while (i < to) {
            char c = s.charAt(i);
            if (!Character.isLetter(c)) {
                break;
            }
            if (Character.isUpperCase(c)) {
                char previous = s.charAt(i - 1);
                if (Character.isLowerCase(previous)) {
                    break;
                }
                if (i + 1 < to && Character.isLowerCase(s.charAt(i + 1)) && Character.isUpperCase(previous)) {
                    break;
                }
            }
            i++;
        }
        return i;
    }

    /**
     * An open-addressing table from lower-case words to word classes, probed with a case-insensitive
     * hash of a region of the field name so that a look-up allocates nothing.
     */
    private static final class Vocabulary {
        private final String[] keys;
        private final long[] values;
        private final int mask;

        Vocabulary(Map<String, Long> words) {
            int capacity = Integer.highestOneBit(words.size() * 4);
            keys = new String[capacity];
            values = new long[capacity];
            mask = capacity - 1;
            for (Map.Entry<String, Long> entry : words.entrySet()) {
                String key = entry.getKey();
                int slot = hash(key, 0, key.length()) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = key;
                values[slot] = entry.getValue();
            }
        }

        long lookup(String s, int from, int to) {
            int slot = hash(s, from, to) & mask;
            for (String key = keys[slot]; key != null; key = keys[slot]) {
                if (matches(key, s, from, to)) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            // Run-together names ending in the word ("newpassword", "dbpasswd").
            if (endsWith(s, from, to, "password") || endsWith(s, from, to, "passwd")) {
                return W_PASSWORD;
            }
            return 0;
        }

        private static boolean endsWith(String s, int from, int to, String suffix) {
            int n = suffix.length();
            return to - from > n && s.regionMatches(true, to - n, suffix, 0, n);
        }

        private static boolean matches(String key, String s, int from, int to) {
            if (key.length() != to - from) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                if (Character.toLowerCase(s.charAt(from + i)) != key.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static int hash(String s, int from, int to) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + Character.toLowerCase(s.charAt(i));
            }
            return h ^ (h >>> 16);
        }
    }
}
