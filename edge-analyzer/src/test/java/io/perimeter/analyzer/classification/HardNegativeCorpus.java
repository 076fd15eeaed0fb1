package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Corpus part: values inside free text, hard cases outside the detectors' documented scope, and general negatives. */
final class HardNegativeCorpus extends CorpusSection {

    private final PhoneNumberUtil phoneUtil = PhoneNumberUtil.getInstance();
    private final ContactDataCorpus contact;
    private final FinancialCorpus financial;
    private final IdentityCorpus identity;
    private final SecretCorpus secrets;

    HardNegativeCorpus(Random random, List<LabelledSample> samples, ContactDataCorpus contact, FinancialCorpus financial,
            IdentityCorpus identity, SecretCorpus secrets) {
        super(random, samples);
        this.contact = contact;
        this.financial = financial;
        this.identity = identity;
        this.secrets = secrets;
    }

    // ---------------------------------------------------------------------------------------------
    // Free text: values inside sentences (notes, messages, error details)
    // ---------------------------------------------------------------------------------------------

    void freeText() {
        String[] textFields = {"notes", "comment", "message", "description", "error.detail", "delivery_instructions",
            "body", "text", "reason", "ticket.summary"};
        for (int i = 0; i < 200; i++) {
            int template = random.nextInt(10);
            String ip = contact.ipv4();
            String text;
            Set<DataClass> expected;
            SecretKind kind = null;
            switch (template) {
                case 0 -> {
                    text = "Please contact me at " + contact.emailAddress() + " if there is any problem.";
                    expected = Set.of(EMAIL);
                }
                case 1 -> {
                    int npa = ContactDataCorpus.AREA_CODES[random.nextInt(ContactDataCorpus.AREA_CODES.length)];
                    text = "Customer called from (" + npa + ") " + (200 + random.nextInt(700)) + "-" + digits(4) + ", wants a refund";
                    expected = Set.of(PHONE);
                }
                case 2 -> {
                    text = "Login failed for user " + contact.emailAddress() + " from " + ip;
                    expected = Set.of(EMAIL, IP_ADDRESS);
                }
                case 3 -> {
                    text = "Token " + secrets.jws("RS256") + " rejected: expired";
                    expected = Set.of(JWT);
                }
                case 4 -> {
                    text = "Use key AKIA" + random(UPPER_DIGITS, 16) + " for the staging bucket";
                    expected = Set.of(SECRET);
                    kind = SecretKind.AWS_ACCESS_KEY;
                }
                case 5 -> {
                    text = "Card " + financial.cardNumber(financial.weightedIssuer()) + " declined (insufficient funds)";
                    expected = Set.of(CARD_NUMBER);
                }
                case 6 -> {
                    String ssn = identity.issuableSsn();
                    text = "SSN on file: " + ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5) + ", verified by phone.";
                    expected = Set.of(US_SSN);
                }
                case 7 -> {
                    String[] layout = pick(FinancialCorpus.BBAN_LAYOUTS);
                    text = "Refund to IBAN " + FinancialCorpus.iban(layout[0], financial.bban(layout[1])) + ", please.";
                    expected = Set.of(IBAN);
                }
                case 8 -> {
                    text = "Request forwarded by " + ip + " to the upstream pool";
                    expected = Set.of(IP_ADDRESS);
                }
                default -> {
                    text = "Reset link sent to " + contact.emailAddress() + ". Ask them to check spam.";
                    expected = Set.of(EMAIL);
                }
            }
            add(JSON_BODY, pick(textFields), text, "text:" + template, expected, kind);
        }
        // Numbers in text that look like phone numbers or IP addresses but are not.
        for (int i = 0; i < 80; i++) {
            String text = switch (random.nextInt(8)) {
                case 0 -> "Upgrade to version " + random.nextInt(12) + "." + random.nextInt(10) + "." + random.nextInt(10) + "." + random.nextInt(200) + " before Friday";
                case 1 -> "Order " + ContactDataCorpus.AREA_CODES[random.nextInt(ContactDataCorpus.AREA_CODES.length)] + (200 + random.nextInt(700)) + digits(4) + " confirmed, thank you";
                case 2 -> String.format(Locale.ROOT, "Dimensions %d.%d x %d.%d x %d.%d cm", 10 + random.nextInt(90), random.nextInt(10),
                        10 + random.nextInt(90), random.nextInt(10), 10 + random.nextInt(90), random.nextInt(10));
                case 3 -> String.format(Locale.ROOT, "Pickup point at %.4f, %.4f", random.nextDouble() * 90, -random.nextDouble() * 180);
                case 4 -> "Open " + (8 + random.nextInt(3)) + ":30-" + (17 + random.nextInt(4)) + ":00, closed on 2024-12-25";
                case 5 -> "ISBN 0-" + digits(3) + "-" + digits(5) + "-" + digits(1) + " is out of print";
                case 6 -> "Released build " + (10 + random.nextInt(5)) + ".0." + (19000 + random.nextInt(4000)) + "." + random.nextInt(5000) + " to the ring";
                default -> String.format(Locale.ROOT, "Population grew from %,d to %,d", 1_000_000 + random.nextInt(9_000_000), 1_000_000 + random.nextInt(9_000_000));
            };
            add(JSON_BODY, pick(textFields), text, "neg:free-text-numbers");
        }
        for (int i = 0; i < 150; i++) {
            String text = switch (random.nextInt(12)) {
                case 0 -> "Order " + digits(10 + random.nextInt(3)) + " shipped via UPS, tracking 1Z" + random(UPPER_DIGITS.substring(0, 26) + "0123456789", 16);
                case 1 -> "Upgrade to version " + random.nextInt(5) + "." + random.nextInt(20) + "." + random.nextInt(10) + " to fix the crash";
                case 2 -> "Meeting at " + (8 + random.nextInt(10)) + ":30 on 2024-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) + " in room " + (1 + random.nextInt(9)) + "B";
                case 3 -> String.format(Locale.ROOT, "Total due: $%,d.%02d by %02d/%02d/2025", random.nextInt(100000), random.nextInt(100), 1 + random.nextInt(28), 1 + random.nextInt(12));
                case 4 -> "See https://docs.example.com/" + pick(WORDS) + "#section-" + random.nextInt(9) + " for details";
                case 5 -> "Thanks @" + pick(FIRST_NAMES).toLowerCase(Locale.ROOT) + " for the report!";
                case 6 -> "Ticket #" + digits(6) + " escalated to tier " + (1 + random.nextInt(3));
                case 7 -> "Retry after " + (1_700_000_000 + random.nextInt(10_000_000)) + " (epoch seconds)";
                case 8 -> "Ship " + (1 + random.nextInt(9)) + " x SKU-" + digits(4) + "-BLK to warehouse " + random.nextInt(20);
                case 9 -> "Build " + hex(40) + " deployed to prod";
                case 10 -> "Request " + uuid() + " timed out after " + (1000 * (1 + random.nextInt(60))) + " ms";
                default -> "Invoice " + (1 + random.nextInt(9)) + digits(15) + " is overdue, second reminder";
            };
            add(JSON_BODY, pick(textFields), text, "neg:free-text");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Hard cases: real values outside the detectors' documented scope, and look-alikes
    // ---------------------------------------------------------------------------------------------

    void hardCases() {
        // National numbers of other countries in phone fields (the default region is US).
        String[] foreign = {"GB", "DE", "FR", "IN", "AU", "ES"};
        for (int i = 0; i < 15; i++) {
            String region = pick(foreign);
            PhoneNumber example = phoneUtil.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            add(JSON_BODY, pick(new String[] {"phone", "mobile", "contact.phone"}), phoneUtil.format(example, PhoneNumberFormat.NATIONAL),
                    "phone:foreign-national", PHONE);
        }
        for (int i = 0; i < 5; i++) {
            int npa = ContactDataCorpus.AREA_CODES[random.nextInt(ContactDataCorpus.AREA_CODES.length)];
            add(JSON_BODY, "phone", "+1 " + npa + "-" + (200 + random.nextInt(700)) + "-" + digits(4) + " ext. " + (1 + random.nextInt(999)),
                    "phone:extension", PHONE);
        }
        // Internationalised e-mail addresses (RFC 6531).
        String[] eai = {"josé@example.es", "müller@beispiel.de", "用户@例子.广告", "θσερ@παράδειγμα.δοκιμή", "ñoño@correo.mx", "δοκιμή@example.com"};
        for (String address : eai) {
            add(JSON_BODY, "email", address, "email:eai", EMAIL);
        }
        // Card networks outside the detector's issuer list: Mir (2200-2204) and RuPay (81, 82, 60).
        for (int i = 0; i < 10; i++) {
            String prefix = pick(new String[] {"2200", "2202", "2204", "81", "82", "60"});
            String partial = prefix + digits(15 - prefix.length());
            add(JSON_BODY, pick(new String[] {"card_number", "pan"}), partial + FinancialCorpus.luhnCheckDigit(partial), "card:other-network", CARD_NUMBER);
        }
        // IBANs written with dashes.
        for (int i = 0; i < 6; i++) {
            String[] layout = pick(FinancialCorpus.BBAN_LAYOUTS);
            add(JSON_BODY, "iban", FinancialCorpus.printForm(FinancialCorpus.iban(layout[0], financial.bban(layout[1]))).replace(' ', '-'), "iban:dashed", IBAN);
        }
        // SSNs as bare digits in tax-id fields; EINs as bare digits in the same fields.
        for (int i = 0; i < 10; i++) {
            add(JSON_BODY, pick(new String[] {"tax_id", "tin", "taxpayer_id"}), identity.issuableSsn(), "ssn:bare-in-tax-id", US_SSN);
            add(JSON_BODY, pick(new String[] {"tax_id", "tin", "ein"}), digits(9), "neg:ein-bare");
        }
        // Secrets without a provider format, in credential-named fields.
        for (int i = 0; i < 10; i++) {
            add(JSON_BODY, pick(new String[] {"aws_secret_access_key", "AWS_SECRET_ACCESS_KEY", "credentials.secretAccessKey"}),
                    random(BASE64_CHARS, 40), "secret:aws-secret-key", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
            add(JSON_BODY, pick(new String[] {"github_token", "GITHUB_TOKEN", "auth.github.token"}), hex(40), "secret:github-legacy",
                    Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
        }
        for (int i = 0; i < 6; i++) {
            add(JSON_BODY, pick(new String[] {"AccountKey", "storage_key", "connection.accountKey"}), random(BASE64_CHARS, 86) + "==",
                    "secret:azure-storage-key", Set.of(SECRET), SecretKind.NAMED_CREDENTIAL);
        }
        // SIM card numbers (ICCID, Luhn-valid, 19-20 digits) and hyphenated ISBN-10s.
        for (int i = 0; i < 30; i++) {
            String partial = "89" + pick(new String[] {"01", "44", "49", "33", "91"}) + digits(13 + random.nextInt(2));
            add(JSON_BODY, pick(new String[] {"iccid", "sim.iccid", "sim_number"}), partial + FinancialCorpus.luhnCheckDigit(partial), "neg:iccid");
            // ISBN-10: registration group (1 digit here), publisher (2-5), title (the rest of 9), check (0-9 or X).
            int publisher = 2 + random.nextInt(4);
            String isbn = random.nextInt(2) + "-" + digits(publisher) + "-" + digits(8 - publisher) + "-"
                    + pick(new String[] {"X", "0", "3", "7"});
            add(JSON_BODY, pick(new String[] {"isbn", "isbn10", "book.isbn"}), isbn, "neg:isbn10");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // General negatives: what else APIs carry
    // ---------------------------------------------------------------------------------------------

    void generalNegatives() {
        for (int i = 0; i < 100; i++) {
            FieldLocation location = pick(new FieldLocation[] {JSON_BODY, JSON_BODY, HEADER, QUERY, PATH_SEGMENT});
            String field = switch (location) {
                case HEADER -> pick(new String[] {"X-Request-Id", "X-Correlation-Id", "Idempotency-Key", "traceparent-id"});
                case PATH_SEGMENT -> null;
                default -> pick(new String[] {"id", "request_id", "trace_id", "uuid", "order.id", "items[0].product_id", "event_id"});
            };
            add(location, field, random.nextInt(10) == 0 ? uuid().toUpperCase(Locale.ROOT) : uuid(), "neg:uuid");
        }
        for (int i = 0; i < 120; i++) {
            long epoch = 1_500_000_000L + random.nextInt(300_000_000);
            String value = switch (random.nextInt(4)) {
                case 0 -> java.time.Instant.ofEpochSecond(epoch).toString();
                case 1 -> java.time.Instant.ofEpochMilli(epoch * 1000 + random.nextInt(1000)).toString();
                case 2 -> String.valueOf(epoch);
                default -> java.time.OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(epoch), java.time.ZoneOffset.ofHours(2)).toString();
            };
            add(JSON_BODY, pick(new String[] {"created_at", "updatedAt", "timestamp", "ts", "expires", "event.time", "iat"}), value, "neg:timestamp");
        }
        for (int i = 0; i < 90; i++) {
            String value = switch (random.nextInt(4)) {
                case 0 -> hex(64);
                case 1 -> hex(40);
                case 2 -> hex(32);
                default -> "W/\"" + hex(32) + "\"";
            };
            FieldLocation location = random.nextInt(4) == 0 ? HEADER : JSON_BODY;
            add(location, location == HEADER ? pick(new String[] {"ETag", "If-None-Match", "X-Content-SHA256", "Digest-Value"})
                    : pick(new String[] {"sha256", "checksum", "commit_sha", "etag", "hash", "md5", "digest", "fingerprint"}), value, "neg:hex-digest");
        }
        for (int i = 0; i < 60; i++) {
            String blob = Base64.getEncoder().encodeToString(bytes(24 + random.nextInt(120)));
            add(JSON_BODY, pick(new String[] {"data", "image", "thumbnail", "payload", "attachment.content", "signature", "nonce"}), blob, "neg:base64-blob");
        }
        for (int i = 0; i < 90; i++) {
            String value = switch (random.nextInt(6)) {
                case 0 -> String.format(Locale.ROOT, "%d.%02d", random.nextInt(2000), random.nextInt(100));
                case 1 -> String.format(Locale.ROOT, "$%,d.%02d", random.nextInt(100000), random.nextInt(100));
                case 2 -> String.format(Locale.ROOT, "EUR %d,%02d", random.nextInt(5000), random.nextInt(100));
                case 3 -> String.valueOf(random.nextInt(1000));
                case 4 -> String.format(Locale.ROOT, "%.6f", random.nextDouble() * 180 - 90);
                default -> random.nextInt(100) + "%";
            };
            add(random.nextBoolean() ? JSON_BODY : QUERY, pick(new String[] {"price", "amount", "total", "qty", "lat", "discount", "limit",
                "page", "balance", "tax"}), value, "neg:number");
        }
        String[] enums = {"active", "pending", "shipped", "cancelled", "true", "false", "null", "en-US", "de-DE", "USD", "EUR",
            "application/json", "text/html; charset=utf-8", "gzip, deflate, br", "no-cache", "keep-alive", "GET", "POST",
            "admin", "viewer", "light", "dark", "GB", "card", "sepa_debit", "monthly", "standard", "express"};
        for (int i = 0; i < 100; i++) {
            FieldLocation location = pick(new FieldLocation[] {JSON_BODY, JSON_BODY, QUERY, HEADER, COOKIE});
            String field = switch (location) {
                case HEADER -> pick(new String[] {"Accept", "Content-Type", "Accept-Encoding", "Cache-Control", "Connection", "Accept-Language"});
                case COOKIE -> pick(new String[] {"theme", "lang", "currency", "consent", "tz"});
                default -> pick(new String[] {"status", "state", "type", "role", "currency", "locale", "method", "mode", "plan", "interval"});
            };
            add(location, field, pick(enums), "neg:enum");
        }
        String[] products = {"Wireless Mouse", "USB-C Cable 2m", "Organic Green Tea", "Running Shoes Size 42", "Noise Cancelling Headphones",
            "4K Monitor 27\"", "Espresso Machine", "Yoga Mat", "Smart Watch Series 9", "Desk Lamp LED"};
        for (int i = 0; i < 100; i++) {
            String value = switch (random.nextInt(5)) {
                case 0 -> pick(products);
                case 1 -> "SKU-" + digits(4) + "-" + pick(new String[] {"BLK", "WHT", "RED", "XL"});
                case 2 -> "ORD-" + (2020 + random.nextInt(6)) + "-" + digits(6);
                case 3 -> "1Z" + random(UPPER_DIGITS.substring(0, 26) + "0123456789", 16);
                default -> pick(WORDS) + " " + pick(WORDS) + " " + pick(WORDS);
            };
            add(JSON_BODY, pick(new String[] {"title", "description", "sku", "order_ref", "tracking", "note", "label", "product.title"}), value, "neg:text");
        }
        for (int i = 0; i < 100; i++) {
            String value = switch (random.nextInt(5)) {
                case 0 -> "v" + (1 + random.nextInt(3));
                case 1 -> String.valueOf(1 + random.nextInt(999999));
                case 2 -> pick(WORDS) + "-" + pick(WORDS) + "-" + pick(WORDS);
                case 3 -> pick(new String[] {"orders", "users", "items", "search", "checkout", "api", "me", "settings"});
                default -> pick(WORDS) + "." + pick(new String[] {"json", "csv", "pdf", "png"});
            };
            add(PATH_SEGMENT, null, value, "neg:path-segment");
        }
        for (int i = 0; i < 45; i++) {
            String value = switch (random.nextInt(4)) {
                case 0 -> "https://" + pick(WORDS) + ".example.com/" + pick(WORDS) + "?page=" + random.nextInt(50);
                case 1 -> "/api/v1/" + pick(WORDS) + "/" + random.nextInt(100000);
                case 2 -> "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/" + (100 + random.nextInt(30)) + ".0.0.0 Safari/537.36";
                default -> "GA1.2." + digits(10) + "." + (1_700_000_000 + random.nextInt(10_000_000));
            };
            FieldLocation location = pick(new FieldLocation[] {JSON_BODY, HEADER, COOKIE});
            String field = switch (location) {
                case HEADER -> pick(new String[] {"Referer", "User-Agent", "Location"});
                case COOKIE -> pick(new String[] {"_ga", "_gid", "last_page"});
                default -> pick(new String[] {"url", "href", "redirect_uri", "callback", "links.next"});
            };
            add(location, field, value, "neg:url-or-agent");
        }
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(new String[] {"isbn", "book.isbn13"}), "978" + digits(10), "neg:isbn");
            if (i % 2 == 0) {
                add(JSON_BODY, pick(new String[] {"tracking_number", "fedex_tracking", "parcel.tracking"}),
                        random.nextBoolean() ? digits(12) : "9400 " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(4) + " " + digits(2),
                        "neg:tracking-number");
            }
        }
    }
}
