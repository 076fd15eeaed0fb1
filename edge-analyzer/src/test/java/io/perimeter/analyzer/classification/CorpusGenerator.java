package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Generates the labelled classification corpus: several thousand values, each with the data classes
 * it really carries, decided by how it was made.
 *
 * <p>Positives are built from the specifications, not from the detectors: card numbers from the
 * issuers' published IIN ranges and lengths with a Luhn check digit; IBANs from the registry's BBAN
 * layouts with ISO 7064 check digits; SSNs from the SSA's issuance rules; US phone numbers from
 * assigned area codes and the NANP exchange rules, other countries from libphonenumber's example
 * numbers (the numbering plans' metadata) with the last digits varied; JWTs signed or shaped per RFC
 * 7515/7516; provider keys per the providers' documented formats. Hard negatives are the values real
 * APIs carry next to them: order and tracking numbers, timestamps, UUIDs, digests, base64 blobs,
 * versions, prices, barcodes, IMEIs, session and CSRF values, dates that are not birth dates, and
 * invalid look-alikes (a card number with one digit changed, an IBAN with wrong check digits, SSNs in
 * the ITIN range).
 *
 * <p>Deterministic: a fixed seed and no hash-ordered iteration, so the same code always produces the
 * same file. Regenerate the checked-in copy with
 * {@code ./scripts/mvn -B -pl edge-analyzer -am -DskipITs test -Dtest=CorpusFileTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dcorpus.regenerate=true}.
 */
final class CorpusGenerator {

    static final long SEED = 0x5EED_2025_0611L;

    private final Random random = new Random(SEED);
    private final List<LabelledSample> samples = new ArrayList<>();
    private final PhoneNumberUtil phoneUtil = PhoneNumberUtil.getInstance();

    static List<LabelledSample> generate() {
        return new CorpusGenerator().run();
    }

    public static void main(String[] args) throws IOException {
        Files.writeString(LabelledCorpus.FILE, LabelledCorpus.toJsonLines(generate()), StandardCharsets.UTF_8);
    }

    private List<LabelledSample> run() {
        emails();
        phones();
        cards();
        ibans();
        ssns();
        ipAddresses();
        jwts();
        secrets();
        passwords();
        personNames();
        postalAddresses();
        datesOfBirth();
        freeText();
        hardCases();
        generalNegatives();
        return List.copyOf(samples);
    }

    // ---------------------------------------------------------------------------------------------
    // EMAIL
    // ---------------------------------------------------------------------------------------------

    private static final String[] EMAIL_DOMAINS = {
        "gmail.com", "yahoo.com", "outlook.com", "hotmail.co.uk", "icloud.com", "proton.me", "gmx.de", "web.de",
        "orange.fr", "libero.it", "mail.ru", "qq.com", "acme-corp.com", "example.org", "contoso.io", "globex.net",
        "initech.co", "umbrella.health", "uni-heidelberg.de", "cs.stanford.edu", "nhs.net", "bank.co.jp",
        "shop.com.au", "startup.dev", "studio.design", "xn--mller-kva.de", "post.xn--p1ai", "consulting.biz",
        "school.k12.ca.us", "agency.gov.uk"
    };

    private void emails() {
        String[][] fields = {
            {"email"}, {"emailAddress"}, {"e_mail"}, {"user.email"}, {"contact.email"}, {"billing_email"},
            {"customer.email_address"}, {"to"}, {"from"}, {"recipient"}, {"reply_to"}, {"username"}, {"login"},
            {"data.attributes.email"}, {"members[2].email"}, {"notify"}
        };
        for (int i = 0; i < 300; i++) {
            String address = emailAddress();
            String value;
            String source;
            double r = random.nextDouble();
            if (r < 0.05) {
                value = "mailto:" + address;
                source = "email:mailto";
            } else if (r < 0.12) {
                value = pick(FIRST_NAMES) + " " + pick(LAST_NAMES) + " <" + address + ">";
                source = "email:display-name";
            } else if (r < 0.17) {
                value = address.toUpperCase(Locale.ROOT);
                source = "email:upper";
            } else {
                value = address;
                source = "email:plain";
            }
            double where = random.nextDouble();
            if (where < 0.65) {
                add(JSON_BODY, pick(fields)[0], value, source, EMAIL);
            } else if (where < 0.78) {
                add(QUERY, pick(new String[] {"email", "q", "user", "filter[email]"}), address, "email:query", EMAIL);
            } else if (where < 0.86) {
                add(FORM, pick(new String[] {"email", "username", "login_email"}), address, "email:form", EMAIL);
            } else if (where < 0.92) {
                add(PATH_SEGMENT, null, address, "email:path", EMAIL);
            } else if (where < 0.96) {
                add(HEADER, pick(new String[] {"From", "X-User-Email", "X-Forwarded-Email"}), value, source + ":header", EMAIL);
            } else {
                add(COOKIE, pick(new String[] {"email", "last_user", "remember_email"}), address, "email:cookie", EMAIL);
            }
        }
        // Look-alikes that are not addresses.
        String[] notEmails = {
            "root@localhost", "admin@intranet", "jane@", "@jane", "jane.doe", "jane doe@example.com",
            "jane@@example.com", "jane..doe@example.com", ".jane@example.com", "jane@example..com", "jane@-example.com",
            "jane@example.c", "not provided", "N/A", "none", "noreply", "user at example dot com"
        };
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(new String[] {"email", "contact.email", "username"}), pick(notEmails), "neg:email-malformed");
        }
        for (int i = 0; i < 60; i++) {
            String handle = "@" + pick(FIRST_NAMES).toLowerCase(Locale.ROOT) + digits(random.nextInt(3) + 1);
            add(JSON_BODY, pick(new String[] {"twitter", "handle", "social.twitter", "mention"}), handle, "neg:handle");
        }
        String[] assets = {"icon", "logo", "avatar", "hero", "banner", "thumb"};
        String[] extensions = {"png", "jpg", "webp", "svg"};
        for (int i = 0; i < 60; i++) {
            String asset = pick(assets) + (random.nextBoolean() ? "-" + pick(new String[] {"dark", "light", "small"}) : "")
                    + "@" + (2 + random.nextInt(2)) + "x." + pick(extensions);
            add(JSON_BODY, pick(new String[] {"image", "icon", "assets[0].file", "srcset"}), asset, "neg:asset-2x");
        }
        String[] packages = {"lodash", "react", "express", "@angular/core", "@types/node", "typescript", "left-pad"};
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"dependency", "package", "requires[0]"}),
                    pick(packages) + "@" + random.nextInt(20) + "." + random.nextInt(30) + "." + random.nextInt(10), "neg:npm-spec");
        }
        for (int i = 0; i < 30; i++) {
            add(JSON_BODY, pick(new String[] {"repository", "clone_url", "ssh_url"}),
                    "git@github.com:" + pick(WORDS) + "/" + pick(WORDS) + ".git", "neg:git-ssh-url");
        }
    }

    private String emailAddress() {
        String first = ascii(pick(FIRST_NAMES)).toLowerCase(Locale.ROOT);
        String last = ascii(pick(LAST_NAMES)).toLowerCase(Locale.ROOT).replace(" ", "").replace("'", "");
        String local = switch (random.nextInt(8)) {
            case 0 -> first + "." + last;
            case 1 -> first + "_" + last;
            case 2 -> first.charAt(0) + last;
            case 3 -> first + "+" + pick(new String[] {"shop", "news", "test", "2024"});
            case 4 -> first + "." + last + digits(2);
            case 5 -> first + digits(3);
            case 6 -> last + "-" + first;
            default -> alnumLower(6 + random.nextInt(8));
        };
        return local + "@" + pick(EMAIL_DOMAINS);
    }

    // ---------------------------------------------------------------------------------------------
    // PHONE
    // ---------------------------------------------------------------------------------------------

    /** Assigned NANP area codes (US and Canada). */
    private static final int[] AREA_CODES = {
        201, 202, 203, 205, 206, 207, 208, 209, 210, 212, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229,
        231, 234, 239, 240, 248, 251, 252, 253, 254, 256, 260, 262, 267, 269, 270, 276, 281, 301, 302, 303, 304,
        305, 307, 308, 309, 310, 312, 313, 314, 315, 316, 317, 318, 319, 320, 321, 323, 330, 334, 336, 337, 339,
        347, 352, 360, 361, 386, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 412, 413, 414, 415, 416, 417,
        419, 423, 424, 425, 432, 434, 435, 440, 443, 469, 478, 479, 480, 484, 501, 502, 503, 504, 505, 507, 508,
        509, 510, 512, 513, 514, 515, 516, 517, 518, 520, 530, 540, 541, 551, 559, 561, 562, 563, 567, 570, 571,
        573, 574, 575, 580, 585, 586, 601, 602, 603, 604, 605, 606, 607, 608, 609, 610, 612, 613, 614, 615, 616,
        617, 618, 619, 620, 623, 626, 630, 631, 636, 641, 646, 650, 651, 660, 661, 662, 678, 682, 701, 702, 703,
        704, 706, 707, 708, 712, 713, 714, 715, 716, 717, 718, 719, 720, 724, 727, 731, 732, 734, 740, 754, 757,
        760, 763, 765, 770, 772, 773, 774, 775, 781, 785, 786, 801, 802, 803, 804, 805, 806, 808, 810, 812, 813,
        814, 815, 816, 817, 818, 828, 830, 831, 832, 843, 845, 847, 848, 850, 856, 857, 858, 859, 860, 862, 863,
        864, 865, 870, 901, 903, 904, 905, 906, 907, 908, 909, 910, 912, 913, 914, 915, 916, 917, 918, 919, 920,
        925, 928, 931, 936, 937, 940, 941, 949, 951, 952, 954, 956, 970, 971, 972, 973, 978, 979, 980, 985, 989
    };

    private static final String[] PHONE_REGIONS = {
        "GB", "DE", "FR", "IN", "BR", "JP", "AU", "ES", "IT", "NL", "MX", "ZA", "SG", "SE", "PL", "CH", "IE", "NG",
        "KR", "AR", "TR", "AE", "IL", "PH"
    };

    private void phones() {
        String[] phoneFields = {
            "phone", "phoneNumber", "phone_number", "mobile", "mobile_phone", "mobileNumber", "cell", "tel",
            "telephone", "contact.phone", "contact_number", "fax", "work_phone", "home-phone", "billing.phone",
            "shipping_address.phone", "emergency_contact.phone", "customer.phones[0]", "msisdn", "phone.number"
        };
        String[] genericFields = {"to", "from", "recipient", "value", "destination", "caller", "data.contact"};
        for (int i = 0; i < 220; i++) {
            int npa = AREA_CODES[random.nextInt(AREA_CODES.length)];
            int nxx;
            do {
                nxx = 200 + random.nextInt(800);
            } while (nxx % 100 == 11 || nxx == 555);
            String line = String.format(Locale.ROOT, "%04d", random.nextInt(10000));
            int layout = random.nextInt(9);
            String value = switch (layout) {
                case 0 -> "+1" + npa + nxx + line;
                case 1 -> "+1 " + npa + "-" + nxx + "-" + line;
                case 2 -> "+1 (" + npa + ") " + nxx + "-" + line;
                case 3 -> "(" + npa + ") " + nxx + "-" + line;
                case 4 -> npa + "-" + nxx + "-" + line;
                case 5 -> npa + "." + nxx + "." + line;
                case 6 -> npa + " " + nxx + " " + line;
                case 7 -> "1-" + npa + "-" + nxx + "-" + line;
                default -> "" + npa + nxx + line; // digits only
            };
            boolean phoneNamed = layout == 8 || random.nextDouble() < 0.75;
            String source = "phone:nanp:" + layout;
            double where = random.nextDouble();
            if (phoneNamed) {
                if (where < 0.85) {
                    add(JSON_BODY, pick(phoneFields), value, source, PHONE);
                } else {
                    add(FORM, pick(new String[] {"phone", "tel", "mobile"}), value, source, PHONE);
                }
            } else {
                add(where < 0.8 ? JSON_BODY : QUERY, pick(genericFields), value, source + ":generic", PHONE);
            }
        }
        for (int i = 0; i < 200; i++) {
            String region = pick(PHONE_REGIONS);
            PhoneNumberType type = random.nextInt(3) == 0 ? PhoneNumberType.FIXED_LINE : PhoneNumberType.MOBILE;
            PhoneNumber example = phoneUtil.getExampleNumberForType(region, type);
            String national = String.valueOf(example.getNationalNumber());
            String varied = national.substring(0, national.length() - 2) + digits(2);
            PhoneNumber number = new PhoneNumber().setCountryCode(example.getCountryCode()).setNationalNumber(Long.parseLong(varied));
            if (example.hasItalianLeadingZero()) {
                number.setItalianLeadingZero(true);
            }
            boolean e164 = random.nextBoolean();
            String value = phoneUtil.format(number, e164 ? PhoneNumberFormat.E164 : PhoneNumberFormat.INTERNATIONAL);
            String source = "phone:" + region + ":" + type.name().toLowerCase(Locale.ROOT) + (e164 ? ":e164" : ":intl");
            if (random.nextDouble() < 0.6) {
                add(JSON_BODY, pick(phoneFields), value, source, PHONE);
            } else {
                add(random.nextBoolean() ? JSON_BODY : QUERY, pick(genericFields), value, source + ":generic", PHONE);
            }
        }
        // Invalid or placeholder numbers in phone fields.
        String[] placeholders = {"000-000-0000", "123-456-7890", "555-555-5555", "+1 123 456 7890", "+1", "N/A", "none",
            "12345", "0000000000", "1111111111", "+00 000 000", "tbd"};
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(phoneFields), pick(placeholders), "neg:phone-placeholder");
        }
        // Numbers that are not phone numbers, written the way phone numbers are.
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"amount", "population", "total_bytes", "views"}),
                    String.format(Locale.ROOT, "%,d", 1_000_000 + random.nextInt(900_000_000)).replace(",", pick(new String[] {" ", ".", ","})),
                    "neg:grouped-amount");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // CARD_NUMBER
    // ---------------------------------------------------------------------------------------------

    /** Issuer, IIN prefix range (inclusive, as strings of equal length), allowed lengths. */
    private record Issuer(String name, String from, String to, int[] lengths, int weight) {}

    private static final Issuer[] ISSUERS = {
        new Issuer("visa", "4", "4", new int[] {16, 16, 16, 16, 13, 19}, 30),
        new Issuer("mastercard", "51", "55", new int[] {16}, 17),
        new Issuer("mastercard2", "2221", "2720", new int[] {16}, 8),
        new Issuer("amex", "34", "34", new int[] {15}, 6),
        new Issuer("amex", "37", "37", new int[] {15}, 6),
        new Issuer("discover", "6011", "6011", new int[] {16, 19}, 4),
        new Issuer("discover", "644", "649", new int[] {16}, 2),
        new Issuer("discover", "65", "65", new int[] {16}, 2),
        new Issuer("jcb", "3528", "3589", new int[] {16, 19}, 5),
        new Issuer("diners", "300", "305", new int[] {14}, 2),
        new Issuer("diners", "36", "36", new int[] {14}, 2),
        new Issuer("diners", "38", "39", new int[] {16}, 1),
        new Issuer("unionpay", "62", "62", new int[] {16, 19}, 5),
        new Issuer("maestro", "6759", "6759", new int[] {16, 18, 19}, 2),
        new Issuer("maestro", "5018", "5018", new int[] {12, 16, 19}, 2),
        new Issuer("maestro", "6304", "6304", new int[] {16, 19}, 1)
    };

    private void cards() {
        String[] cardFields = {
            "card_number", "cardNumber", "card.number", "pan", "cc_number", "credit_card", "payment.card.number",
            "payment_method.card.number", "ccnum", "card", "source.number", "creditCardNumber"
        };
        List<String> validCards = new ArrayList<>();
        for (int i = 0; i < 420; i++) {
            Issuer issuer = weightedIssuer();
            String number = cardNumber(issuer);
            validCards.add(number);
            int layout = random.nextInt(20);
            String value;
            String layoutName;
            if (layout < 11) {
                value = number;
                layoutName = "plain";
            } else {
                char sep = layout < 17 ? ' ' : '-';
                value = group(number, sep);
                layoutName = sep == ' ' ? "spaced" : "dashed";
            }
            String source = "card:" + issuer.name() + ":" + layoutName;
            double where = random.nextDouble();
            if (where < 0.7) {
                add(JSON_BODY, pick(cardFields), value, source, CARD_NUMBER);
            } else if (where < 0.85) {
                add(FORM, pick(new String[] {"cardnumber", "card_number", "cc-number", "number"}), value, source, CARD_NUMBER);
            } else {
                add(random.nextBoolean() ? QUERY : JSON_BODY, pick(new String[] {"q", "value", "data", "input"}), value,
                        source + ":generic", CARD_NUMBER);
            }
        }
        // The same numbers with one digit changed: Luhn catches every single-digit error.
        for (int i = 0; i < 100; i++) {
            String number = validCards.get(random.nextInt(validCards.size()));
            int position = 1 + random.nextInt(number.length() - 1);
            char old = number.charAt(position);
            char changed = (char) ('0' + (old - '0' + 1 + random.nextInt(9)) % 10);
            String typo = number.substring(0, position) + changed + number.substring(position + 1);
            add(JSON_BODY, pick(cardFields), random.nextBoolean() ? typo : group(typo, ' '), "neg:card-one-digit-changed");
        }
        // 16-digit (and other long) identifiers of other things: some pass Luhn with an issuer prefix by chance.
        String[] idFields = {
            "order_id", "orderId", "order_number", "id", "transaction_id", "tracking_number", "reference",
            "invoice_number", "shipment.id", "payment_id", "txn_ref", "confirmation_number", "booking_reference"
        };
        for (int i = 0; i < 160; i++) {
            int length = pick(new int[] {12, 13, 14, 15, 16, 16, 16, 16, 18, 19});
            String id = (1 + random.nextInt(9)) + digits(length - 1);
            add(random.nextDouble() < 0.85 ? JSON_BODY : QUERY, pick(idFields), id, "neg:long-numeric-id");
        }
        for (int i = 0; i < 80; i++) {
            long millis = 1_500_000_000_000L + (long) (random.nextDouble() * 300_000_000_000L);
            boolean nanos = random.nextInt(4) == 0;
            add(JSON_BODY, pick(new String[] {"timestamp", "ts", "created_at_ms", "event_time", "time"}),
                    nanos ? millis + digits(6) : String.valueOf(millis), "neg:epoch-millis");
        }
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(new String[] {"imei", "device.imei", "imei_number"}), imei(), "neg:imei");
        }
        for (int i = 0; i < 60; i++) {
            add(JSON_BODY, pick(new String[] {"barcode", "ean", "gtin", "product.ean13"}), ean13(), "neg:ean13");
        }
    }

    private Issuer weightedIssuer() {
        int total = 0;
        for (Issuer issuer : ISSUERS) {
            total += issuer.weight();
        }
        int r = random.nextInt(total);
        for (Issuer issuer : ISSUERS) {
            r -= issuer.weight();
            if (r < 0) {
                return issuer;
            }
        }
        throw new AssertionError();
    }

    private String cardNumber(Issuer issuer) {
        int from = Integer.parseInt(issuer.from());
        int to = Integer.parseInt(issuer.to());
        String prefix = String.valueOf(from + random.nextInt(to - from + 1));
        int length = issuer.lengths()[random.nextInt(issuer.lengths().length)];
        String partial = prefix + digits(length - 1 - prefix.length());
        return partial + luhnCheckDigit(partial);
    }

    static int luhnCheckDigit(String partial) {
        int sum = 0;
        boolean doubleIt = true; // the check digit will be appended, so the last partial digit is doubled
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    /** Card print layout: 4-6-5 for 15 digits, 4-6-4 for 14, groups of four otherwise. */
    private static String group(String number, char sep) {
        if (number.length() == 15 || number.length() == 14) {
            return number.substring(0, 4) + sep + number.substring(4, 10) + sep + number.substring(10);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < number.length(); i += 4) {
            if (i > 0) {
                out.append(sep);
            }
            out.append(number, i, Math.min(number.length(), i + 4));
        }
        return out.toString();
    }

    private String imei() {
        String tac = pick(new String[] {"35", "86", "01", "99", "49"}) + digits(6);
        String partial = tac + digits(6);
        return partial + luhnCheckDigit(partial);
    }

    private String ean13() {
        String partial = pick(new String[] {"400", "401", "590", "871", "500", "761", "890", "0"}) ;
        partial = partial + digits(12 - partial.length());
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (partial.charAt(i) - '0') * (i % 2 == 0 ? 1 : 3);
        }
        return partial + (10 - sum % 10) % 10;
    }

    // ---------------------------------------------------------------------------------------------
    // IBAN
    // ---------------------------------------------------------------------------------------------

    /** Country and BBAN layout from the IBAN registry: n = digits, a = upper-case letters, c = alphanumerics. */
    private static final String[][] BBAN_LAYOUTS = {
        {"DE", "8n10n"}, {"GB", "4a6n8n"}, {"FR", "5n5n11c2n"}, {"ES", "4n4n1n1n10n"}, {"IT", "1a5n5n12c"},
        {"NL", "4a10n"}, {"BE", "3n7n2n"}, {"CH", "5n12c"}, {"AT", "5n11n"}, {"PL", "8n16n"}, {"PT", "4n4n11n2n"},
        {"SE", "3n16n1n"}, {"NO", "4n6n1n"}, {"DK", "4n9n1n"}, {"FI", "3n11n"}, {"IE", "4a6n8n"}, {"LU", "3n13c"},
        {"SA", "2n18c"}, {"AE", "3n16n"}, {"BR", "8n5n10n1a1c"}, {"TR", "5n1n16c"}, {"RO", "4a16c"},
        {"CZ", "4n6n10n"}, {"HU", "3n4n1n15n1n"}, {"GR", "3n4n16c"}, {"MT", "4a5n18c"}, {"HR", "7n10n"},
        {"LT", "5n11n"}, {"EE", "2n2n11n1n"}, {"SK", "4n6n10n"}
    };

    private void ibans() {
        String[] ibanFields = {
            "iban", "IBAN", "bankAccount.iban", "payout.iban", "account_iban", "debtor.iban", "creditorAccount.iban",
            "bank_account", "sepa.iban", "beneficiary.account"
        };
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 320; i++) {
            String[] layout = pick(BBAN_LAYOUTS);
            String iban = iban(layout[0], bban(layout[1]));
            valid.add(iban);
            double r = random.nextDouble();
            String value;
            String form;
            if (r < 0.6) {
                value = iban;
                form = "electronic";
            } else if (r < 0.95) {
                value = printForm(iban);
                form = "print";
            } else {
                value = iban.toLowerCase(Locale.ROOT);
                form = "lower";
            }
            String source = "iban:" + layout[0] + ":" + form;
            double where = random.nextDouble();
            if (where < 0.75) {
                add(JSON_BODY, pick(ibanFields), value, source, IBAN);
            } else if (where < 0.9) {
                add(FORM, pick(new String[] {"iban", "account"}), value, source, IBAN);
            } else {
                add(QUERY, pick(new String[] {"iban", "q", "account"}), value, source, IBAN);
            }
        }
        for (int i = 0; i < 80; i++) {
            String iban = valid.get(random.nextInt(valid.size()));
            String check = iban.substring(2, 4);
            String other;
            do {
                other = String.format(Locale.ROOT, "%02d", 2 + random.nextInt(97));
            } while (other.equals(check));
            String wrong = iban.substring(0, 2) + other + iban.substring(4);
            add(JSON_BODY, pick(ibanFields), random.nextBoolean() ? wrong : printForm(wrong), "neg:iban-wrong-check-digits");
        }
        for (int i = 0; i < 40; i++) {
            String iban = valid.get(random.nextInt(valid.size()));
            String cut = random.nextBoolean() ? iban.substring(0, iban.length() - 1) : iban + digits(1);
            add(JSON_BODY, pick(ibanFields), cut, "neg:iban-wrong-length");
        }
        String[] bics = {"DEUTDEFF", "COBADEFFXXX", "NWBKGB2L", "BNPAFRPP", "INGBNL2A", "UBSWCHZH80A", "CHASUS33"};
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"bic", "swift", "bank.bic"}), pick(bics), "neg:bic");
        }
        for (int i = 0; i < 40; i++) {
            String vat = pick(new String[] {"DE", "FR", "IT", "NL", "ES", "AT"}) + digits(9 + random.nextInt(3));
            add(JSON_BODY, pick(new String[] {"vat_id", "vatNumber", "tax.vat"}), vat, "neg:vat-number");
        }
    }

    private String bban(String layout) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < layout.length()) {
            int j = i;
            while (Character.isDigit(layout.charAt(j))) {
                j++;
            }
            int count = Integer.parseInt(layout.substring(i, j));
            char kind = layout.charAt(j);
            for (int k = 0; k < count; k++) {
                out.append(switch (kind) {
                    case 'n' -> (char) ('0' + random.nextInt(10));
                    case 'a' -> (char) ('A' + random.nextInt(26));
                    default -> random.nextInt(3) == 0 ? (char) ('A' + random.nextInt(26)) : (char) ('0' + random.nextInt(10));
                });
            }
            i = j + 1;
        }
        return out.toString();
    }

    /** ISO 13616 check digits: 98 - (BBAN + country + "00" as a number mod 97). */
    static String iban(String country, String bban) {
        StringBuilder numeric = new StringBuilder();
        for (char c : (bban + country + "00").toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        int check = 98 - new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
        return country + String.format(Locale.ROOT, "%02d", check) + bban;
    }

    private static String printForm(String iban) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // US_SSN
    // ---------------------------------------------------------------------------------------------

    private void ssns() {
        String[] ssnFields = {"ssn", "SSN", "social_security_number", "applicant.ssn", "taxpayer.ssn", "ssnNumber",
            "employee.socialSecurityNumber", "patient.ssn"};
        String[] anyFields = {"tin", "national_id", "value", "identifier", "tax_identifier", "q"};
        for (int i = 0; i < 240; i++) {
            String ssn = issuableSsn();
            String area = ssn.substring(0, 3);
            String group = ssn.substring(3, 5);
            String serial = ssn.substring(5);
            double r = random.nextDouble();
            if (r < 0.2) {
                add(JSON_BODY, pick(ssnFields), ssn, "ssn:bare", US_SSN);
            } else {
                char sep = r < 0.3 ? ' ' : '-';
                String value = area + sep + group + sep + serial;
                boolean named = random.nextDouble() < 0.6;
                FieldLocation location = random.nextDouble() < 0.85 ? JSON_BODY : FORM;
                add(location, named ? pick(ssnFields) : pick(anyFields), value, "ssn:formatted" + (named ? "" : ":generic"), US_SSN);
            }
        }
        // Numbers the SSA never issues, in SSN-shaped fields: ITINs (9xx), 000, 666, group 00, serial 0000, known invalid.
        for (int i = 0; i < 120; i++) {
            String value = switch (random.nextInt(6)) {
                case 0, 1 -> (900 + random.nextInt(100)) + "-" + pick(new String[] {"50", "65", "70", "78", "88", "92"}) + "-" + digits(4);
                case 2 -> pick(new String[] {"000", "666"}) + "-" + nonZero(2) + "-" + nonZero(4);
                case 3 -> nonZeroArea() + "-00-" + nonZero(4);
                case 4 -> nonZeroArea() + "-" + nonZero(2) + "-0000";
                default -> pick(new String[] {"078-05-1120", "219-09-9999", "457-55-5462", "123-45-6789"});
            };
            add(JSON_BODY, pick(new String[] {"ssn", "tax_id", "itin", "tin", "taxpayer_id"}), value, "neg:ssn-unissuable");
        }
        // Nine-digit identifiers that are not SSNs.
        String[] nineDigitFields = {"id", "account_id", "customer_id", "routing_number", "member_number", "order_id",
            "npi", "duns"};
        for (int i = 0; i < 120; i++) {
            add(JSON_BODY, pick(nineDigitFields), (1 + random.nextInt(9)) + digits(8), "neg:nine-digit-id");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"ein", "employer.ein", "tax_id"}), digits(2) + "-" + digits(7), "neg:ein");
        }
    }

    private String issuableSsn() {
        while (true) {
            int area = 1 + random.nextInt(899);
            int group = 1 + random.nextInt(99);
            int serial = 1 + random.nextInt(9999);
            String ssn = String.format(Locale.ROOT, "%03d%02d%04d", area, group, serial);
            if (area != 666 && !Set.of("078051120", "219099999", "457555462", "123456789").contains(ssn)) {
                return ssn;
            }
        }
    }

    private String nonZeroArea() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        return String.format(Locale.ROOT, "%03d", area);
    }

    private String nonZero(int length) {
        String s;
        do {
            s = digits(length);
        } while (Integer.parseInt(s) == 0);
        return s;
    }

    // ---------------------------------------------------------------------------------------------
    // IP_ADDRESS
    // ---------------------------------------------------------------------------------------------

    private void ipAddresses() {
        String[] ipFields = {"ip", "ip_address", "client_ip", "clientIp", "remote_addr", "source_ip", "device.ip",
            "request.remoteAddress", "login.ip", "peer.address", "server.host", "last_seen_ip", "ipv6"};
        String[] ipHeaders = {"X-Forwarded-For", "X-Real-IP", "X-Client-IP", "True-Client-IP", "CF-Connecting-IP"};
        for (int i = 0; i < 380; i++) {
            double r = random.nextDouble();
            String value;
            String kind;
            if (r < 0.45) {
                value = ipv4();
                kind = "v4";
            } else if (r < 0.52) {
                value = ipv4() + ":" + (1024 + random.nextInt(64000));
                kind = "v4-port";
            } else if (r < 0.62) {
                value = ipv4() + ", " + ipv4() + (random.nextBoolean() ? ", " + ipv4() : "");
                kind = "xff-list";
            } else if (r < 0.8) {
                value = ipv6Compressed();
                kind = "v6";
            } else if (r < 0.87) {
                value = ipv6Full();
                kind = "v6-full";
            } else if (r < 0.91) {
                value = "fe80::" + hex(4) + ":" + hex(2) + "ff:fe" + hex(2) + ":" + hex(4) + "%" + pick(new String[] {"eth0", "en0", "wlan0", "3"});
                kind = "v6-zone";
            } else if (r < 0.95) {
                value = "::ffff:" + ipv4();
                kind = "v6-mapped";
            } else {
                value = "[" + ipv6Compressed() + "]:" + (1 + random.nextInt(65535));
                kind = "v6-port";
            }
            String source = "ip:" + kind;
            double where = random.nextDouble();
            if (kind.equals("xff-list") || where < 0.25) {
                add(HEADER, kind.equals("xff-list") ? "X-Forwarded-For" : pick(ipHeaders), value, source, IP_ADDRESS);
            } else if (where < 0.85) {
                add(JSON_BODY, pick(ipFields), value, source, IP_ADDRESS);
            } else if (where < 0.95) {
                add(QUERY, pick(new String[] {"ip", "addr", "host"}), value, source, IP_ADDRESS);
            } else {
                add(PATH_SEGMENT, null, value, source + ":path", IP_ADDRESS);
            }
        }
        String[] versionFields = {"version", "app_version", "appVersion", "build", "sdk.version", "firmware_version",
            "client.version", "release"};
        for (int i = 0; i < 120; i++) {
            String version = switch (random.nextInt(4)) {
                case 0 -> random.nextInt(20) + "." + random.nextInt(30) + "." + random.nextInt(40);
                case 1 -> random.nextInt(12) + "." + random.nextInt(10) + "." + random.nextInt(10) + "." + random.nextInt(200);
                case 2 -> random.nextInt(12) + "." + random.nextInt(10) + "." + random.nextInt(30000) + "." + random.nextInt(5000);
                default -> "v" + random.nextInt(5) + "." + random.nextInt(20) + "." + random.nextInt(10) + "-beta." + random.nextInt(9);
            };
            add(JSON_BODY, pick(versionFields), version, "neg:version");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"mac", "mac_address", "device.macAddress", "bssid"}),
                    String.join(":", hex(2), hex(2), hex(2), hex(2), hex(2), hex(2)), "neg:mac-address");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"cidr", "subnet", "allowed_range", "vpc.cidr_block"}),
                    ipv4() + "/" + (8 + random.nextInt(25)),
                    "neg:cidr");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"oid", "object_identifier", "policy_oid"}),
                    "1.3.6.1." + random.nextInt(5) + "." + random.nextInt(50000) + "." + random.nextInt(100), "neg:oid");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"start_time", "opens_at", "duration"}),
                    String.format(Locale.ROOT, "%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60)), "neg:time-of-day");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"host", "hostname", "server_name", "domain"}),
                    pick(WORDS) + "." + pick(new String[] {"example.com", "internal", "svc.cluster.local", "acme.io"}), "neg:hostname");
        }
    }

    private String ipv4() {
        return switch (random.nextInt(5)) {
            case 0 -> "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case 1 -> "192.168." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            case 2 -> "172." + (16 + random.nextInt(16)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
            default -> (1 + random.nextInt(223)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
        };
    }

    private String ipv6Full() {
        StringBuilder out = new StringBuilder("2001:0db8");
        for (int i = 0; i < 6; i++) {
            out.append(':').append(hex(4));
        }
        return out.toString();
    }

    private String ipv6Compressed() {
        String prefix = pick(new String[] {"2001:db8", "2a00:1450", "2606:4700", "fd12:3456", "2600:1f18"});
        int tail = 1 + random.nextInt(3);
        StringBuilder out = new StringBuilder(prefix).append("::");
        for (int i = 0; i < tail; i++) {
            if (i > 0) {
                out.append(':');
            }
            out.append(Integer.toHexString(1 + random.nextInt(0xffff)));
        }
        return random.nextInt(5) == 0 ? "::1" : out.toString();
    }

    // ---------------------------------------------------------------------------------------------
    // JWT
    // ---------------------------------------------------------------------------------------------

    private void jwts() {
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

    private String jws(String alg) {
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

    private static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String URL_SAFE = ALNUM + "-_";
    private static final String BASE64_CHARS = ALNUM + "+/";

    /** A field name a secret is found in, and the classes the name itself adds. */
    private record SecretField(FieldLocation location, String name, Set<DataClass> nameClasses) {}

    private void secrets() {
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

    private void passwords() {
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

    // ---------------------------------------------------------------------------------------------
    // PERSON_NAME
    // ---------------------------------------------------------------------------------------------

    static final String[] FIRST_NAMES = {
        "James", "Mary", "Olivia", "Liam", "Noah", "Emma", "Sophia", "Mateo", "José", "María", "Lucía", "Zoë", "Chloé",
        "François", "Jürgen", "Björn", "Søren", "Ingrid", "Anne-Marie", "Jean-Luc", "Wei", "Xiaoming", "Hiroshi", "Yuki",
        "Priya", "Arjun", "Aisha", "Mohammed", "Fatima", "Omar", "Chinedu", "Ngozi", "Kwame", "Olga", "Dmitri",
        "Agnieszka", "Łukasz", "Siobhán", "Seán", "Mei", "Thanh", "Minh", "Ji-woo", "Min-jun", "Ana", "João", "Giulia",
        "Alessandro", "Sven", "Elif", "Mehmet"
    };

    static final String[] LAST_NAMES = {
        "Smith", "Johnson", "Williams", "García", "Martínez", "Müller", "Schmidt", "Dubois", "Lefèvre", "Rossi",
        "Bianchi", "O'Brien", "O'Connor", "McDonald", "van der Berg", "de la Cruz", "Nguyen", "Tran", "Kim", "Park",
        "Wang", "Li", "Zhang", "Tanaka", "Suzuki", "Patel", "Sharma", "Singh", "Khan", "Hassan", "Okafor", "Adeyemi",
        "Mensah", "Ivanova", "Petrov", "Kowalski", "Nowak", "Andersson", "Johansson", "Jensen", "Yılmaz", "Kaya",
        "Silva", "Santos", "Costa", "Murphy", "Smith-Jones", "Al-Farsi", "ben Haim", "Papadopoulos"
    };

    private void personNames() {
        String[][] firstFields = {{"first_name"}, {"firstName"}, {"given_name"}, {"givenName"}, {"fname"},
            {"billing.first_name"}, {"customer.firstName"}, {"guest.first_name"}, {"name.first"}, {"name.given"},
            {"FirstName"}, {"first-name"}, {"vorname"}, {"firstname"}};
        String[][] lastFields = {{"last_name"}, {"lastName"}, {"surname"}, {"family_name"}, {"familyName"}, {"lname"},
            {"shipping.last_name"}, {"customer.lastName"}, {"name.last"}, {"name.family"}, {"LastName"}, {"lastname"},
            {"middle_name"}};
        String[][] fullFields = {{"full_name"}, {"fullName"}, {"customer.name"}, {"user.name"}, {"contact.name"},
            {"patient.name"}, {"employee.name"}, {"recipient.name"}, {"customer_name"}, {"cardholder_name"},
            {"cardholderName"}, {"account_holder_name"}, {"name_on_card"}, {"passenger.name"}, {"author.name"},
            {"billing_name"}, {"holder"}, {"owner.name"}, {"customername"}, {"applicant.fullName"}};
        for (int i = 0; i < 270; i++) {
            int kind = random.nextInt(3);
            String value;
            String field;
            if (kind == 0) {
                value = pick(FIRST_NAMES);
                field = pick(firstFields)[0];
            } else if (kind == 1) {
                value = pick(LAST_NAMES);
                field = pick(lastFields)[0];
            } else {
                value = (random.nextInt(8) == 0 ? pick(new String[] {"Dr. ", "Mr. ", "Ms. ", "Prof. "}) : "")
                        + pick(FIRST_NAMES) + " " + (random.nextInt(6) == 0 ? pick(FIRST_NAMES).charAt(0) + ". " : "") + pick(LAST_NAMES);
                field = pick(fullFields)[0];
                if (random.nextInt(10) == 0) {
                    value = value.toUpperCase(Locale.ROOT);
                }
            }
            FieldLocation location = random.nextDouble() < 0.85 ? JSON_BODY : FORM;
            add(location, field, value, "name:" + (kind == 0 ? "first" : kind == 1 ? "last" : "full"), PERSON_NAME);
        }
        String[][] notNames = {
            {"product.name", "Wireless Mouse"}, {"product.name", "Organic Green Tea 500g"}, {"company_name", "Acme Corp"},
            {"company.name", "Globex Corporation"}, {"file_name", "report-2024-Q3.pdf"}, {"category.name", "Electronics"},
            {"team.name", "Platform Engineering"}, {"plan.name", "Pro"}, {"username", "jdoe42"}, {"user_name", "night_owl"},
            {"event.name", "order.created"}, {"bucket_name", "prod-assets-eu"}, {"name", "checkout-service"},
            {"display_name", "Main warehouse"}, {"merchant.name", "Blue Bottle Coffee"}, {"street_name", "Baker Street"},
            {"first_name", "12345"}, {"last_name", "null"}, {"full_name", "N/A"}, {"last_login", "2024-03-01T10:00:00Z"},
            {"first_seen", "2023-12-24"}, {"host_name", "web-01"}
        };
        for (int i = 0; i < 100; i++) {
            String[] pair = pick(notNames);
            Set<DataClass> expected = pair[0].equals("street_name") ? Set.of(POSTAL_ADDRESS) : Set.of();
            add(JSON_BODY, pair[0], pair[1], "neg:not-a-person-name", expected, null);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // POSTAL_ADDRESS
    // ---------------------------------------------------------------------------------------------

    private static final String[] STREETS = {
        "Baker Street", "Main St", "Evergreen Terrace", "Amphitheatre Parkway", "Hauptstraße", "Rue de la Paix",
        "Calle Mayor", "Via Roma", "Kerkstraat", "Elm Avenue", "Sunset Blvd", "High Street", "Bahnhofstrasse",
        "Avenida Paulista", "Queen's Road", "Oak Lane", "Maple Drive", "Rua Augusta", "Nørrebrogade", "King Street West"
    };

    private static final String[] CITIES = {"London", "Springfield", "Berlin", "Paris", "Madrid", "Rome", "Amsterdam",
        "Mountain View", "São Paulo", "Toronto", "Zürich", "Dublin", "Copenhagen", "Austin"};

    private void postalAddresses() {
        String[] streetFields = {"address", "street", "street_address", "streetAddress", "address_line1", "addressLine1",
            "address.line1", "billing_address.street", "shipping.address.street", "home_address", "mailing_address",
            "address1", "user[address][street]", "delivery.address", "billingAddress", "strasse"};
        String[] line2Fields = {"address_line2", "addressLine2", "address.line2", "address2"};
        String[] zipFields = {"zip", "zipCode", "zip_code", "postal_code", "postalCode", "postcode", "address.zip",
            "billing.postal_code", "shipping_address.postcode", "plz"};
        for (int i = 0; i < 130; i++) {
            String street = pick(STREETS);
            String number = String.valueOf(1 + random.nextInt(2400)) + (random.nextInt(8) == 0 ? "B" : "");
            boolean numberFirst = !(street.endsWith("straße") || street.endsWith("strasse") || street.startsWith("Via")
                    || street.startsWith("Calle") || street.startsWith("Rua") || street.endsWith("gade") || street.endsWith("straat"));
            String line = numberFirst ? number + " " + street : street + " " + number;
            String value = random.nextInt(3) == 0 ? line + ", " + pick(CITIES) + (random.nextBoolean() ? " " + postalCode() : "") : line;
            add(random.nextDouble() < 0.85 ? JSON_BODY : FORM, pick(streetFields), value, "address:street", POSTAL_ADDRESS);
        }
        for (int i = 0; i < 30; i++) {
            String value = pick(new String[] {"Apt ", "Suite ", "Unit ", "Flat ", "Floor ", "Building "}) + (1 + random.nextInt(40))
                    + (random.nextBoolean() ? pick(new String[] {"A", "B", "C"}) : "");
            add(JSON_BODY, pick(line2Fields), value, "address:line2", POSTAL_ADDRESS);
        }
        for (int i = 0; i < 110; i++) {
            add(random.nextDouble() < 0.8 ? JSON_BODY : QUERY, pick(zipFields), postalCode(), "address:postal-code", POSTAL_ADDRESS);
        }
        String[][] notAddresses = {
            {"wallet_address", "0x" + "71C7656EC7ab88b098defB751B7401B5f6d8976F"}, {"address_verified", "true"},
            {"address_type", "billing"}, {"addressType", "RESIDENTIAL"}, {"zip_url", "https://cdn.example.com/a.zip"},
            {"zip", "true"}, {"country_code", "US"}, {"code", "ABC123"}, {"city", "Springfield"}, {"address_id", "addr_8f3k2"},
            {"address.country", "DE"}, {"postal_code_required", "false"}, {"address_count", "3"}, {"content_encoding", "zip"}
        };
        for (int i = 0; i < 80; i++) {
            String[] pair = pick(notAddresses);
            add(JSON_BODY, pair[0], pair[1], "neg:not-an-address");
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"email_address", "emailAddress", "contact.email_address"}), emailAddress(),
                    "neg:email-in-address-field", EMAIL);
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"ip_address", "ipAddress", "remote_address", "server_address"}), ipv4(),
                    "neg:ip-in-address-field", IP_ADDRESS);
        }
    }

    private String postalCode() {
        return switch (random.nextInt(8)) {
            case 0 -> String.format(Locale.ROOT, "%05d", 1000 + random.nextInt(98000));
            case 1 -> String.format(Locale.ROOT, "%05d-%04d", 1000 + random.nextInt(98000), random.nextInt(10000));
            case 2 -> pick(new String[] {"SW1A 1AA", "EC1A 1BB", "W1A 0AX", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT"});
            case 3 -> "" + (char) ('A' + random.nextInt(26)) + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + " "
                    + random.nextInt(10) + (char) ('A' + random.nextInt(26)) + random.nextInt(10);
            case 4 -> (1000 + random.nextInt(9000)) + " " + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26));
            case 5 -> String.format(Locale.ROOT, "%05d", random.nextInt(100000));
            case 6 -> String.format(Locale.ROOT, "%05d-%03d", random.nextInt(100000), random.nextInt(1000));
            default -> String.format(Locale.ROOT, "%03d-%04d", 100 + random.nextInt(900), random.nextInt(10000));
        };
    }

    // ---------------------------------------------------------------------------------------------
    // DATE_OF_BIRTH
    // ---------------------------------------------------------------------------------------------

    private static final String[] MONTH_NAMES = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    private void datesOfBirth() {
        String[] fields = {"dob", "DOB", "date_of_birth", "dateOfBirth", "birth_date", "birthDate", "birthday",
            "patient.birthDate", "customer.dob", "applicant.date_of_birth", "geburtsdatum", "person.birthdate",
            "traveler.dateOfBirth", "born_on"};
        for (int i = 0; i < 220; i++) {
            int year = 1930 + random.nextInt(79);
            int month = 1 + random.nextInt(12);
            int day = 1 + random.nextInt(28);
            String value = formatDate(year, month, day);
            add(random.nextDouble() < 0.85 ? JSON_BODY : FORM, pick(fields), value, "dob:" + dateLayout, DATE_OF_BIRTH);
        }
        String[] otherDateFields = {"created_at", "updated_at", "expires_at", "ship_date", "start_date", "due_date",
            "order_date", "last_login", "valid_from", "hired_on", "since", "date", "issued", "effective_date"};
        for (int i = 0; i < 120; i++) {
            int year = 1930 + random.nextInt(95);
            String value = formatDate(year, 1 + random.nextInt(12), 1 + random.nextInt(28));
            add(random.nextDouble() < 0.85 ? JSON_BODY : QUERY, pick(otherDateFields), value, "neg:other-date:" + dateLayout);
        }
        String[][] birthNotDate = {{"birth_place", "Paris"}, {"birthPlace", "Lagos"}, {"birth_country", "FR"},
            {"dob", "unknown"}, {"date_of_birth", "N/A"}, {"birth_year", "1984"}};
        for (int i = 0; i < 40; i++) {
            String[] pair = pick(birthNotDate);
            add(JSON_BODY, pair[0], pair[1], "neg:birth-not-a-date");
        }
    }

    private String dateLayout = "";

    private String formatDate(int year, int month, int day) {
        int layout = random.nextInt(20);
        String name = MONTH_NAMES[month - 1];
        String value;
        if (layout < 9) {
            value = String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
            dateLayout = "iso";
        } else if (layout < 12) {
            value = String.format(Locale.ROOT, "%02d/%02d/%04d", month, day, year);
            dateLayout = "us";
        } else if (layout < 14) {
            value = String.format(Locale.ROOT, "%02d/%02d/%04d", day, month, year);
            dateLayout = "eu";
        } else if (layout < 16) {
            value = String.format(Locale.ROOT, "%d.%d.%04d", day, month, year);
            dateLayout = "dotted";
        } else if (layout < 17) {
            value = day + " " + name + " " + year;
            dateLayout = "day-month-name";
        } else if (layout < 18) {
            value = name.substring(0, 3) + " " + day + ", " + year;
            dateLayout = "month-name-day";
        } else if (layout < 19) {
            value = String.format(Locale.ROOT, "%04d%02d%02d", year, month, day);
            dateLayout = "basic";
        } else {
            value = String.format(Locale.ROOT, "%04d-%02d-%02dT00:00:00Z", year, month, day);
            dateLayout = "iso-datetime";
        }
        return value;
    }

    // ---------------------------------------------------------------------------------------------
    // Free text: values inside sentences (notes, messages, error details)
    // ---------------------------------------------------------------------------------------------

    private void freeText() {
        String[] textFields = {"notes", "comment", "message", "description", "error.detail", "delivery_instructions",
            "body", "text", "reason", "ticket.summary"};
        for (int i = 0; i < 200; i++) {
            int template = random.nextInt(10);
            String ip = ipv4();
            String text;
            Set<DataClass> expected;
            SecretKind kind = null;
            switch (template) {
                case 0 -> {
                    text = "Please contact me at " + emailAddress() + " if there is any problem.";
                    expected = Set.of(EMAIL);
                }
                case 1 -> {
                    int npa = AREA_CODES[random.nextInt(AREA_CODES.length)];
                    text = "Customer called from (" + npa + ") " + (200 + random.nextInt(700)) + "-" + digits(4) + ", wants a refund";
                    expected = Set.of(PHONE);
                }
                case 2 -> {
                    text = "Login failed for user " + emailAddress() + " from " + ip;
                    expected = Set.of(EMAIL, IP_ADDRESS);
                }
                case 3 -> {
                    text = "Token " + jws("RS256") + " rejected: expired";
                    expected = Set.of(JWT);
                }
                case 4 -> {
                    text = "Use key AKIA" + random(UPPER_DIGITS, 16) + " for the staging bucket";
                    expected = Set.of(SECRET);
                    kind = SecretKind.AWS_ACCESS_KEY;
                }
                case 5 -> {
                    text = "Card " + cardNumber(weightedIssuer()) + " declined (insufficient funds)";
                    expected = Set.of(CARD_NUMBER);
                }
                case 6 -> {
                    String ssn = issuableSsn();
                    text = "SSN on file: " + ssn.substring(0, 3) + "-" + ssn.substring(3, 5) + "-" + ssn.substring(5) + ", verified by phone.";
                    expected = Set.of(US_SSN);
                }
                case 7 -> {
                    String[] layout = pick(BBAN_LAYOUTS);
                    text = "Refund to IBAN " + iban(layout[0], bban(layout[1])) + ", please.";
                    expected = Set.of(IBAN);
                }
                case 8 -> {
                    text = "Request forwarded by " + ip + " to the upstream pool";
                    expected = Set.of(IP_ADDRESS);
                }
                default -> {
                    text = "Reset link sent to " + emailAddress() + ". Ask them to check spam.";
                    expected = Set.of(EMAIL);
                }
            }
            add(JSON_BODY, pick(textFields), text, "text:" + template, expected, kind);
        }
        // Numbers in text that look like phone numbers or IP addresses but are not.
        for (int i = 0; i < 80; i++) {
            String text = switch (random.nextInt(8)) {
                case 0 -> "Upgrade to version " + random.nextInt(12) + "." + random.nextInt(10) + "." + random.nextInt(10) + "." + random.nextInt(200) + " before Friday";
                case 1 -> "Order " + AREA_CODES[random.nextInt(AREA_CODES.length)] + (200 + random.nextInt(700)) + digits(4) + " confirmed, thank you";
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

    private void hardCases() {
        // National numbers of other countries in phone fields (the default region is US).
        String[] foreign = {"GB", "DE", "FR", "IN", "AU", "ES"};
        for (int i = 0; i < 15; i++) {
            String region = pick(foreign);
            PhoneNumber example = phoneUtil.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            add(JSON_BODY, pick(new String[] {"phone", "mobile", "contact.phone"}), phoneUtil.format(example, PhoneNumberFormat.NATIONAL),
                    "phone:foreign-national", PHONE);
        }
        for (int i = 0; i < 5; i++) {
            int npa = AREA_CODES[random.nextInt(AREA_CODES.length)];
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
            add(JSON_BODY, pick(new String[] {"card_number", "pan"}), partial + luhnCheckDigit(partial), "card:other-network", CARD_NUMBER);
        }
        // IBANs written with dashes.
        for (int i = 0; i < 6; i++) {
            String[] layout = pick(BBAN_LAYOUTS);
            add(JSON_BODY, "iban", printForm(iban(layout[0], bban(layout[1]))).replace(' ', '-'), "iban:dashed", IBAN);
        }
        // SSNs as bare digits in tax-id fields; EINs as bare digits in the same fields.
        for (int i = 0; i < 10; i++) {
            add(JSON_BODY, pick(new String[] {"tax_id", "tin", "taxpayer_id"}), issuableSsn(), "ssn:bare-in-tax-id", US_SSN);
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
            add(JSON_BODY, pick(new String[] {"iccid", "sim.iccid", "sim_number"}), partial + luhnCheckDigit(partial), "neg:iccid");
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

    static final String[] WORDS = {
        "alpha", "orbit", "falcon", "maple", "river", "quartz", "ember", "harbor", "lumen", "cobalt", "willow", "summit",
        "vector", "pixel", "nimbus", "juniper", "atlas", "delta", "forge", "meadow", "signal", "tundra", "zephyr", "canyon"
    };

    private void generalNegatives() {
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

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    private void add(FieldLocation location, String field, String value, String source, DataClass... expected) {
        Set<DataClass> classes = expected.length == 0 ? Set.of() : EnumSet.of(expected[0], expected);
        add(location, field, value, source, classes, null);
    }

    private void add(FieldLocation location, String field, String value, String source, Set<DataClass> expected, SecretKind kind) {
        samples.add(new LabelledSample(location, field, value, expected, kind, source));
    }

    private <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    private int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }

    private String digits(int count) {
        return random("0123456789", count);
    }

    private String hex(int count) {
        return random("0123456789abcdef", count);
    }

    private String alnumLower(int count) {
        return random("abcdefghijklmnopqrstuvwxyz0123456789", count);
    }

    private String random(String alphabet, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    private String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + pick(new String[] {"8", "9", "a", "b"}) + hex(3) + "-" + hex(12);
    }

    private static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Folds accents away for the local part of generated e-mail addresses. */
    private static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ı", "i");
    }
}
