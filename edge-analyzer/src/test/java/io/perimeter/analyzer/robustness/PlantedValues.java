package io.perimeter.analyzer.robustness;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Values planted in hostile and fuzzed traffic, each a real instance of a data class and unique enough that finding
 * one in a batch is a leak: {@link #leaksIn} searches for each raw, URL-encoded, base64 (standard and URL-safe) and
 * as a 12-character prefix, ignoring case. The values have a shape that discovery never keeps as a literal path
 * segment (an e-mail, a card number, a UUID, an SSN), so they may be planted anywhere a value can sit.
 */
final class PlantedValues {
    static final String EMAIL = "zq.plant.leak@example.test";
    static final String CARD = "4539578763621486";
    static final String UUID = "7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
    static final String SSN = "536-22-8174";
    static final String JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ6cS1wbGFudCJ9.enEtcGxhbnQtc2lnbmF0dXJl";
    static final String TOKEN = "zqPlantTok3n_9f8e7d6c5b4a3210";
    static final String CLIENT_IP = "198.51.100.77";

    /** By kind, for messages. */
    static final Map<String, String> ALL = new LinkedHashMap<>();

    static {
        ALL.put("email", EMAIL);
        ALL.put("card", CARD);
        ALL.put("uuid", UUID);
        ALL.put("ssn", SSN);
        ALL.put("jwt", JWT);
        ALL.put("token", TOKEN);
        ALL.put("clientIp", CLIENT_IP);
    }

    /** The values that may stand as a whole path segment. */
    static final List<String> SEGMENT_VALUES = List.of(EMAIL, CARD, UUID, SSN);

    private static final List<String> FORMS = forms();

    private PlantedValues() {}

    /** The kinds of planted values found in {@code text}, in any of the searched forms; empty when none is. */
    static List<String> leaksIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        ALL.forEach((kind, value) -> {
            for (String form : formsOf(value)) {
                if (lower.contains(form)) {
                    found.add(kind + " as " + form);
                }
            }
        });
        return found;
    }

    /**
     * {@code s} with every searched form of every planted value cut out, for strings that end up as <em>names</em>
     * (header names, JSON keys, literal path segments), which a batch may carry: a fuzzer that finds the values
     * (it sees the comparisons) must not turn a name into a false leak.
     */
    static String scrub(String s) {
        String out = s;
        boolean changed = true;
        while (changed) {
            changed = false;
            String lower = out.toLowerCase(Locale.ROOT);
            for (String form : FORMS) {
                int at = lower.indexOf(form);
                if (at >= 0) {
                    out = out.substring(0, at) + out.substring(at + form.length());
                    changed = true;
                    break;
                }
            }
        }
        return out;
    }

    /** {@link #scrub(String)} for raw input, byte for byte (the forms are ASCII; other bytes stay as they are). */
    static byte[] scrub(byte[] input) {
        return scrub(new String(input, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> forms() {
        List<String> all = new ArrayList<>();
        ALL.values().forEach(v -> all.addAll(formsOf(v)));
        return List.copyOf(all);
    }

    private static List<String> formsOf(String value) {
        List<String> forms = new ArrayList<>(List.of(value, URLEncoder.encode(value, UTF_8),
                Base64.getEncoder().encodeToString(value.getBytes(UTF_8)),
                Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(UTF_8))));
        if (value.length() > 12) {
            forms.add(value.substring(0, 12));
        }
        return forms.stream().map(f -> f.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
