package io.perimeter.analyzer.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Traffic with known answers: the hand-written APIs of {@code discovery/ground-truth-apis.txt}, and
 * calls sampled from them with a fixed seed. Templates are picked by weight; parameter values come from
 * generators that imitate real ids (fresh random numbers and UUIDs, Zipf-popular slugs and user names,
 * small pools of codes), so popular values repeat as they do in production.
 */
public final class GroundTruthCorpus {

    static final String FILE = "/discovery/ground-truth-apis.txt";

    /** One API of the file. */
    public record Api(String host, int port, String process, int calls, List<Route> routes) {}

    /** One truth template with its weight. */
    public record Route(String method, String template, int weight) {}

    /** One sampled call with its truth. */
    public record Sample(Api api, String method, String path, String truth) {}

    private static final String[] ADJECTIVES = {"red", "blue", "green", "black", "white", "silver", "golden",
        "classic", "modern", "vintage", "compact", "deluxe", "organic", "wireless", "portable", "smart", "ultra",
        "slim", "heavy", "light", "soft", "warm", "cool", "rustic", "urban", "retro", "premium", "basic", "quick",
        "easy", "happy", "quiet", "bright", "dark", "fresh", "wild", "tiny", "giant", "brave", "calm"};
    private static final String[] NOUNS = {"chair", "table", "lamp", "jacket", "sneaker", "backpack", "kettle",
        "blender", "speaker", "headphones", "camera", "guitar", "notebook", "pencil", "mug", "bottle", "blanket",
        "pillow", "sofa", "desk", "watch", "ring", "scarf", "boots", "tent", "bike", "helmet", "drone", "router",
        "monitor", "keyboard", "mouse", "charger", "cable", "wallet", "candle", "vase", "rug", "mirror", "clock",
        "garden", "kitchen", "recipe", "guide", "journey", "story", "lesson", "trick", "secret", "habit"};
    private static final String[] SYLLABLES = {"al", "be", "ca", "do", "el", "fa", "gi", "ha", "jo", "ka", "li",
        "ma", "ne", "ol", "pa", "qui", "ro", "sa", "ti", "ul", "vi", "wa", "xe", "yo", "za", "an", "er", "in", "on",
        "ur", "mar", "len", "tor", "kas", "bel"};
    private static final String[] FIRST = {"anna", "ben", "carla", "david", "emma", "felix", "greta", "hugo",
        "ines", "jonas", "karin", "lukas", "mia", "noah", "olga", "paul", "rosa", "sven", "tina", "uwe"};
    private static final String[] LAST = {"miller", "schmidt", "garcia", "rossi", "dubois", "novak", "jensen",
        "smith", "kowalski", "silva", "tanaka", "okafor", "nguyen", "larsen", "costa"};
    private static final String[] DOMAINS = {"example.com", "example.org", "mail.example.net", "corp.example"};
    private static final String[] COUNTRIES = {"us", "de", "fr", "gb", "es", "it", "nl", "se", "pl", "at", "ch",
        "be", "dk", "no", "fi", "ie", "pt", "cz", "hu", "ro", "gr", "bg", "hr", "sk", "si", "lt", "lv", "ee", "lu",
        "mt", "cy", "ca", "mx", "br", "ar", "jp", "kr", "in", "au", "nz"};
    private static final String[] CURRENCIES = {"EUR", "USD", "GBP", "CHF", "JPY", "SEK", "NOK", "DKK", "PLN",
        "CZK", "HUF", "RON", "BGN", "CAD", "AUD", "NZD", "MXN", "BRL", "INR", "CNY", "HKD", "SGD", "ZAR", "TRY",
        "ILS"};
    private static final String[] AIRPORTS = {"FRA", "MUC", "LHR", "CDG", "AMS", "MAD", "BCN", "FCO", "ZRH", "VIE",
        "CPH", "ARN", "OSL", "HEL", "DUB", "LIS", "PRG", "WAW", "BUD", "ATH", "IST", "JFK", "LAX", "ORD", "ATL",
        "DFW", "DEN", "SFO", "SEA", "MIA", "BOS", "YYZ", "YVR", "MEX", "GRU", "EZE", "NRT", "HND", "ICN", "PEK",
        "PVG", "HKG", "SIN", "BKK", "DEL", "BOM", "DXB", "DOH", "SYD", "MEL", "AKL", "JNB", "CPT", "CAI", "NBO",
        "LOS", "ADD", "TLV", "BER", "HAM"};
    private static final String[] REALMS = {"master", "customers", "partners", "staff", "internal"};
    private static final String[] ROLES = {"admin", "editor", "viewer", "owner", "billing", "support"};
    private static final String[] LANGS = {"en", "de", "fr", "es", "it", "nl", "pt", "sv", "pl", "cs", "da", "fi",
        "no", "hu", "ro", "el", "tr", "ja", "ko", "zh"};
    private static final String[] METRIC_PARTS = {"jvm", "http", "process", "system", "hikaricp", "logback",
        "tomcat", "executor", "cache", "disk"};
    private static final String[] METRIC_LEAVES = {"memory.used", "memory.max", "gc.pause", "threads.live",
        "server.requests", "cpu.usage", "uptime", "connections.active", "events", "files.open"};
    private static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String BASE64URL = BASE62 + "-_";
    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private final SplittableRandom random;
    private final Map<String, Pool> pools = new HashMap<>();

    public GroundTruthCorpus(long seed) {
        this.random = new SplittableRandom(seed);
        pool("slug", 2_000, 1.05, this::slug);
        pool("catslug", 40, 1.0, r -> ADJECTIVES[r.nextInt(ADJECTIVES.length)] + "-" + NOUNS[r.nextInt(NOUNS.length)] + "s");
        pool("username", 5_000, 1.0, this::username);
        pool("owner", 800, 1.1, this::username);
        pool("repo", 1_500, 1.0, this::repo);
        pool("tenant", 300, 1.0, r -> NOUNS[r.nextInt(NOUNS.length)] + "-" + (r.nextBoolean() ? "corp" : "labs"));
        pool("email", 3_000, 1.0, this::email);
        pool("tag", 300, 1.1, r -> r.nextBoolean() ? NOUNS[r.nextInt(NOUNS.length)] : ADJECTIVES[r.nextInt(ADJECTIVES.length)] + NOUNS[r.nextInt(NOUNS.length)]);
        pool("metric", 40, 1.0, r -> METRIC_PARTS[r.nextInt(METRIC_PARTS.length)] + "." + METRIC_LEAVES[r.nextInt(METRIC_LEAVES.length)]);
        pool("country", COUNTRIES.length, 1.0, fixed(COUNTRIES));
        pool("currency", CURRENCIES.length, 1.0, fixed(CURRENCIES));
        pool("airport", AIRPORTS.length, 0.9, fixed(AIRPORTS));
        pool("realm", REALMS.length, 1.0, fixed(REALMS));
        pool("role", ROLES.length, 1.0, fixed(ROLES));
        pool("lang", LANGS.length, 1.2, fixed(LANGS));
        pool("video", 3_000, 1.0, r -> chars(r, BASE64URL, 11));
        pool("filename", 400, 1.0, r -> slug(r) + (r.nextBoolean() ? ".pdf" : ".tar.gz"));
        pool("version", 60, 1.0, r -> "v" + r.nextInt(4) + "." + r.nextInt(12) + "." + r.nextInt(10));
        pool("domain", 200, 1.0, r -> NOUNS[r.nextInt(NOUNS.length)] + SYLLABLES[r.nextInt(SYLLABLES.length)] + "." + (r.nextBoolean() ? "com" : "io"));
    }

    /** Reads the APIs of the file. */
    public static List<Api> apis() throws IOException {
        List<Api> apis = new ArrayList<>();
        try (InputStream in = GroundTruthCorpus.class.getResourceAsStream(FILE)) {
            if (in == null) {
                throw new IOException(FILE + " is missing from the test classpath");
            }
            String host = null;
            int port = 0;
            String process = null;
            int calls = 0;
            List<Route> routes = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] f = trimmed.split("\\s+");
                if (f[0].equals("service")) {
                    if (routes != null) {
                        apis.add(new Api(host, port, process, calls, routes));
                    }
                    host = f[1];
                    port = Integer.parseInt(f[2]);
                    process = f[3];
                    calls = Integer.parseInt(f[4]);
                    routes = new ArrayList<>();
                } else {
                    routes.add(new Route(f[0], f[1], Integer.parseInt(f[2])));
                }
            }
            if (routes != null) {
                apis.add(new Api(host, port, process, calls, routes));
            }
        }
        return apis;
    }

    /** {@code api.calls()} calls sampled from the API. */
    public List<Sample> sample(Api api) {
        int total = api.routes().stream().mapToInt(Route::weight).sum();
        Set<String> literals = new HashSet<>();
        for (Route r : api.routes()) {
            for (String segment : r.template().split("/")) {
                if (!segment.contains("{")) {
                    literals.add(segment);
                }
            }
        }
        List<Sample> out = new ArrayList<>(api.calls());
        for (int i = 0; i < api.calls(); i++) {
            int pick = random.nextInt(total);
            Route route = null;
            for (Route r : api.routes()) {
                pick -= r.weight();
                if (pick < 0) {
                    route = r;
                    break;
                }
            }
            out.add(new Sample(api, route.method(), fill(route.template(), literals), route.template()));
        }
        return out;
    }

    /** Every segment that holds a placeholder compares as {@code {}}. */
    static String normalise(String template) {
        StringBuilder out = new StringBuilder();
        for (String segment : template.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            out.append('/').append(segment.contains("{") ? "{}" : segment);
        }
        return out.isEmpty() ? "/" : out.toString();
    }

    private String fill(String template, Set<String> literals) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            out.append(template, i, open);
            int close = template.indexOf('}', open);
            String value;
            do {
                value = value(template.substring(open + 1, close));
            } while (literals.contains(value)); // a value equal to a sibling literal would make the truth ambiguous
            out.append(value);
            i = close + 1;
        }
        return out.toString();
    }

    private String value(String kind) {
        if (kind.startsWith("stripe:")) {
            return kind.substring(7) + "_" + chars(random, BASE62, 14 + random.nextInt(11));
        }
        Pool pool = pools.get(kind);
        if (pool != null) {
            return pool.next(random);
        }
        return switch (kind) {
            case "int" -> Integer.toString(1 + random.nextInt(5_000_000));
            case "uuid" -> new java.util.UUID(random.nextLong() & ~0xF000L | 0x4000L,
                    random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString();
            case "ulid" -> "01" + chars(random, CROCKFORD, 24);
            case "hash32" -> chars(random, "0123456789abcdef", 32);
            case "hash40" -> chars(random, "0123456789abcdef", 40);
            case "hash64" -> chars(random, "0123456789abcdef", 64);
            case "date" -> LocalDate.of(2019, 1, 1).plusDays(random.nextInt(2_500)).toString();
            case "datetime" -> Instant.parse("2024-01-01T00:00:00Z").plus(Duration.ofSeconds(random.nextInt(30_000_000))).toString();
            case "order" -> "ORD-20" + (20 + random.nextInt(6)) + "-" + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
            case "tracking" -> "1Z" + chars(random, "0123456789ABCDEFGHJKLMNPRSTUVWXYZ", 6) + chars(random, "0123456789", 10);
            case "token" -> chars(random, BASE64URL, 32);
            case "mixed" -> chars(random, "abcdefghijklmnopqrstuvwxyz", 3) + chars(random, "0123456789", 2) + chars(random, "abcdefghijklmnopqrstuvwxyz0123456789", 3);
            case "year" -> Integer.toString(2015 + random.nextInt(11));
            case "month" -> String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
            case "card" -> "4" + chars(random, "0123456789", 15);
            case "iban" -> "DE" + chars(random, "0123456789", 20);
            case "sku" -> random.nextBoolean() ? "SKU-" + chars(random, "0123456789", 5) : chars(random, "abcdefghijklmnopqrstuvwxyz", 2) + chars(random, "0123456789", 4);
            case "atuser" -> "@" + pools.get("username").next(random);
            default -> throw new IllegalArgumentException("no generator for {" + kind + "}");
        };
    }

    // --- value generators -----------------------------------------------------------------------

    private String slug(SplittableRandom r) {
        int words = 2 + r.nextInt(3);
        StringBuilder s = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                s.append('-');
            }
            s.append(w % 2 == 0 ? ADJECTIVES[r.nextInt(ADJECTIVES.length)] : NOUNS[r.nextInt(NOUNS.length)]);
        }
        if (r.nextInt(10) == 0) {
            s.append('-').append(2 + r.nextInt(30)); // iphone-15 style
        }
        return s.toString();
    }

    private String username(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int parts = 2 + r.nextInt(3);
        for (int p = 0; p < parts; p++) {
            s.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        int suffix = r.nextInt(10);
        if (suffix < 2) {
            s.append(r.nextInt(100)); // jdoe42
        } else if (suffix == 2) {
            s.append(1960 + r.nextInt(50)); // jdoe1984
        }
        return s.toString();
    }

    private String repo(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> NOUNS[r.nextInt(NOUNS.length)];
            case 1 -> NOUNS[r.nextInt(NOUNS.length)] + "-" + NOUNS[r.nextInt(NOUNS.length)];
            default -> ADJECTIVES[r.nextInt(ADJECTIVES.length)] + "-" + NOUNS[r.nextInt(NOUNS.length)] + "-"
                    + (r.nextBoolean() ? "api" : "service");
        };
    }

    private String email(SplittableRandom r) {
        return FIRST[r.nextInt(FIRST.length)] + "." + LAST[r.nextInt(LAST.length)] + (r.nextBoolean() ? "" : Integer.toString(r.nextInt(100)))
                + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    private static Function<SplittableRandom, String> fixed(String[] values) {
        int[] next = {0};
        return r -> values[next[0]++ % values.length];
    }

    private static String chars(SplittableRandom r, String alphabet, int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = alphabet.charAt(r.nextInt(alphabet.length()));
        }
        return new String(c);
    }

    private void pool(String name, int size, double exponent, Function<SplittableRandom, String> generator) {
        Set<String> values = new java.util.LinkedHashSet<>();
        int attempts = 0;
        while (values.size() < size && attempts++ < size * 20) {
            values.add(generator.apply(random));
        }
        pools.put(name, new Pool(new ArrayList<>(values), exponent));
    }

    /** Values drawn with Zipf popularity: the k-th value with weight 1/k^s. */
    private static final class Pool {
        final List<String> values;
        final double[] cumulative;

        Pool(List<String> values, double exponent) {
            this.values = values;
            this.cumulative = new double[values.size()];
            double sum = 0;
            for (int k = 0; k < values.size(); k++) {
                sum += 1 / Math.pow(k + 1, exponent);
                cumulative[k] = sum;
            }
        }

        String next(SplittableRandom r) {
            double x = r.nextDouble() * cumulative[cumulative.length - 1];
            int i = java.util.Arrays.binarySearch(cumulative, x);
            return values.get(i >= 0 ? i : Math.min(-i - 1, values.size() - 1));
        }
    }
}
