package io.perimeter.analyzer.classification;

import static io.perimeter.analyzer.classification.DataClass.*;
import static io.perimeter.analyzer.classification.FieldLocation.*;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Corpus part: e-mail addresses, phone numbers and IP addresses, with their look-alikes. */
final class ContactDataCorpus extends CorpusSection {

    private final PhoneNumberUtil phoneUtil = PhoneNumberUtil.getInstance();

    ContactDataCorpus(Random random, List<LabelledSample> samples) {
        super(random, samples);
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

    void emails() {
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

    String emailAddress() {
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
    static final int[] AREA_CODES = {
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

    void phones() {
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
    // IP_ADDRESS
    // ---------------------------------------------------------------------------------------------

    void ipAddresses() {
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

    String ipv4() {
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
}
