package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Corpus part: US SSNs, person names, postal addresses and dates of birth, with their look-alikes. */
final class IdentityCorpus extends CorpusSection {

    private final ContactDataCorpus contact;

    IdentityCorpus(Random random, List<LabelledSample> samples, ContactDataCorpus contact) {
        super(random, samples);
        this.contact = contact;
    }

    // ---------------------------------------------------------------------------------------------
    // US_SSN
    // ---------------------------------------------------------------------------------------------

    void ssns() {
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

    String issuableSsn() {
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
    // PERSON_NAME
    // ---------------------------------------------------------------------------------------------

    void personNames() {
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

    void postalAddresses() {
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
            add(JSON_BODY, pick(new String[] {"email_address", "emailAddress", "contact.email_address"}), contact.emailAddress(),
                    "neg:email-in-address-field", EMAIL);
        }
        for (int i = 0; i < 40; i++) {
            add(JSON_BODY, pick(new String[] {"ip_address", "ipAddress", "remote_address", "server_address"}), contact.ipv4(),
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

    void datesOfBirth() {
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
}
