package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Corpus part: card numbers and IBANs, with their look-alikes. */
final class FinancialCorpus extends CorpusSection {

    FinancialCorpus(Random random, List<LabelledSample> samples) {
        super(random, samples);
    }

    // ---------------------------------------------------------------------------------------------
    // CARD_NUMBER
    // ---------------------------------------------------------------------------------------------

    /** Issuer, IIN prefix range (inclusive, as strings of equal length), allowed lengths. */
    record Issuer(String name, String from, String to, int[] lengths, int weight) {}

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

    void cards() {
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

    Issuer weightedIssuer() {
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

    String cardNumber(Issuer issuer) {
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
    static final String[][] BBAN_LAYOUTS = {
        {"DE", "8n10n"}, {"GB", "4a6n8n"}, {"FR", "5n5n11c2n"}, {"ES", "4n4n1n1n10n"}, {"IT", "1a5n5n12c"},
        {"NL", "4a10n"}, {"BE", "3n7n2n"}, {"CH", "5n12c"}, {"AT", "5n11n"}, {"PL", "8n16n"}, {"PT", "4n4n11n2n"},
        {"SE", "3n16n1n"}, {"NO", "4n6n1n"}, {"DK", "4n9n1n"}, {"FI", "3n11n"}, {"IE", "4a6n8n"}, {"LU", "3n13c"},
        {"SA", "2n18c"}, {"AE", "3n16n"}, {"BR", "8n5n10n1a1c"}, {"TR", "5n1n16c"}, {"RO", "4a16c"},
        {"CZ", "4n6n10n"}, {"HU", "3n4n1n15n1n"}, {"GR", "3n4n16c"}, {"MT", "4a5n18c"}, {"HR", "7n10n"},
        {"LT", "5n11n"}, {"EE", "2n2n11n1n"}, {"SK", "4n6n10n"}
    };

    void ibans() {
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

    String bban(String layout) {
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

    static String printForm(String iban) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < iban.length(); i += 4) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(iban, i, Math.min(iban.length(), i + 4));
        }
        return out.toString();
    }
}
