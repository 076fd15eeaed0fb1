package io.perimeter.analyzer.classification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * What every part of the {@link CorpusGenerator} shares: the one seeded {@link Random}, whose draws the parts
 * consume in a fixed order, the list of samples they append to, the random-value helpers and the common word lists.
 */
abstract class CorpusSection {

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

    static final String[] WORDS = {
        "alpha", "orbit", "falcon", "maple", "river", "quartz", "ember", "harbor", "lumen", "cobalt", "willow", "summit",
        "vector", "pixel", "nimbus", "juniper", "atlas", "delta", "forge", "meadow", "signal", "tundra", "zephyr", "canyon"
    };

    static final String UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    static final String URL_SAFE = ALNUM + "-_";

    static final String BASE64_CHARS = ALNUM + "+/";

    final Random random;
    final List<LabelledSample> samples;

    CorpusSection(Random random, List<LabelledSample> samples) {
        this.random = random;
        this.samples = samples;
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    void add(FieldLocation location, String field, String value, String source, DataClass... expected) {
        Set<DataClass> classes = expected.length == 0 ? Set.of() : EnumSet.of(expected[0], expected);
        add(location, field, value, source, classes, null);
    }

    void add(FieldLocation location, String field, String value, String source, Set<DataClass> expected, SecretKind kind) {
        samples.add(new LabelledSample(location, field, value, expected, kind, source));
    }

    <T> T pick(T[] options) {
        return options[random.nextInt(options.length)];
    }

    int pick(int[] options) {
        return options[random.nextInt(options.length)];
    }

    String digits(int count) {
        return random("0123456789", count);
    }

    String hex(int count) {
        return random("0123456789abcdef", count);
    }

    String alnumLower(int count) {
        return random("abcdefghijklmnopqrstuvwxyz0123456789", count);
    }

    String random(String alphabet, int count) {
        StringBuilder out = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    byte[] bytes(int count) {
        byte[] out = new byte[count];
        random.nextBytes(out);
        return out;
    }

    String uuid() {
        return hex(8) + "-" + hex(4) + "-4" + hex(3) + "-" + pick(new String[] {"8", "9", "a", "b"}) + hex(3) + "-" + hex(12);
    }

    static String b64url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] json(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    static String capitalize(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** Folds accents away for the local part of generated e-mail addresses. */
    static String ascii(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ı", "i");
    }
}
