package io.perimeter.analyzer.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PathTemplaterTest {

    private final PathTemplater templater = new PathTemplater();

    private String learn(String path) {
        return templater.learn("GET", path).template();
    }

    @Test
    void typedSegmentsBecomePlaceholdersOnFirstSight() {
        assertThat(learn("/users/42")).isEqualTo("/users/{id}");
        assertThat(learn("/users/5f1c0a52-8d0e-4c1e-9a3b-2f7d6e8c9b10/sessions")).isEqualTo("/users/{uuid}/sessions");
        assertThat(learn("/transfers/01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo("/transfers/{ulid}");
        assertThat(learn("/commits/da39a3ee5e6b4b0d3255bfef95601890afd80709")).isEqualTo("/commits/{hash}");
        assertThat(learn("/stats/2024-03-01")).isEqualTo("/stats/{date}");
        assertThat(learn("/audit/2024-03-01T10:15:00Z")).isEqualTo("/audit/{datetime}");
        assertThat(learn("/mailboxes/canary.user@example.test/messages")).isEqualTo("/mailboxes/{email}/messages");
        assertThat(learn("/shares/dGhpcyBpcyBhIHRva2Vu_X9zZWNyZXQ")).isEqualTo("/shares/{token}");
        assertThat(learn("/invoices/INV-2024-0042")).isEqualTo("/invoices/{id}");
        assertThat(learn("/users/usr_8f3k2/orders/a1b2c3")).isEqualTo("/users/{id}/orders/{id}");
    }

    @Test
    void aNumericIdNeverStaysLiteral() {
        for (int i = 0; i < 5; i++) {
            assertThat(learn("/orders/" + (1000 + i))).isEqualTo("/orders/{id}");
        }
        assertThat(learn("/cards/4111111111111111")).isEqualTo("/cards/{id}");
        assertThat(templater.learn("GET", "/orders/7/items/8").numericSegments()).isEqualTo(0b1010);
    }

    @Test
    void anEmailInAPathNeverReachesTheTemplate() {
        assertThat(learn("/users/by-email/canary.user%40example.test")).isEqualTo("/users/by-email/{email}");
        assertThat(learn("/u/canary.user@example.test/")).isEqualTo("/u/{email}");
        assertThat(templater.templateOf("/users/by-email/canary.user@example.test")).isEqualTo("/users/by-email/{email}");
    }

    @Test
    void versionsAndWellKnownWordsStayLiteral() {
        assertThat(learn("/api/v1/users/me")).isEqualTo("/api/v1/users/me");
        assertThat(learn("/api/v2.1/users/search")).isEqualTo("/api/v2.1/users/search");
        assertThat(learn("/api/v1/users/1")).isEqualTo("/api/v1/users/{id}");
    }

    @Test
    void manyLightSiblingsMergeWithTheirSubtrees() {
        List<String> slugs = slugs(40);
        List<String> seen = new ArrayList<>();
        for (String slug : slugs) {
            seen.add(learn("/products/" + slug + "/reviews"));
        }
        assertThat(seen.getFirst()).isEqualTo("/products/" + slugs.getFirst() + "/reviews"); // no evidence yet
        assertThat(seen.getLast()).isEqualTo("/products/{param}/reviews");
        // earlier values re-template consistently, raw or as their old template
        assertThat(templater.templateOf("/products/" + slugs.getFirst() + "/reviews")).isEqualTo("/products/{param}/reviews");
        assertThat(templater.templateOf(seen.getFirst())).isEqualTo("/products/{param}/reviews");
        assertThat(templater.templateOf("/products/never-seen-before/reviews")).isEqualTo("/products/{param}/reviews");
        assertThat(templater.stats().merges()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aWellKnownWordNeverBecomesAParameter() {
        for (String slug : slugs(40)) {
            learn("/products/" + slug);
        }
        assertThat(learn("/products/search")).isEqualTo("/products/search");
        assertThat(learn("/products/featured")).isEqualTo("/products/featured");
        assertThat(learn("/products/payment-methods")).isEqualTo("/products/payment-methods");
        assertThat(learn("/products/some-other-slug")).isEqualTo("/products/{param}");
    }

    @Test
    void fewHeavySiblingsStayLiteral() {
        String[] resources = {"widgets", "gizmos", "sprockets", "doohickeys", "thingamajigs", "whatsits", "gadgetry",
            "cogs", "flanges", "grommets", "rivets", "bolts"};
        // realistic skewed traffic: the first calls repeat popular endpoints
        for (int round = 0; round < 30; round++) {
            for (int r = 0; r <= Math.min(round, resources.length - 1); r++) {
                learn("/api/" + resources[r]);
            }
        }
        for (String r : resources) {
            assertThat(templater.templateOf("/api/" + r)).isEqualTo("/api/" + r);
        }
    }

    @Test
    void aValueCarryingALargeShareSplitsOutOfAMergedParameter() {
        for (String slug : slugs(30)) {
            learn("/products/" + slug);
        }
        assertThat(learn("/products/holiday-deals")).isEqualTo("/products/{param}");
        String last = null;
        for (int i = 0; i < 200; i++) {
            last = learn("/products/holiday-deals");
            learn("/products/" + slugs(1_000).get(30 + i)); // other values keep coming
        }
        assertThat(last).isEqualTo("/products/holiday-deals");
        assertThat(templater.stats().splits()).isEqualTo(1);
        assertThat(learn("/products/another-new-slug")).isEqualTo("/products/{param}");
    }

    @Test
    void aValueWithItsOwnMethodSplitsOut() {
        for (String slug : slugs(30)) {
            learn("/jobs/" + slug);
        }
        String last = null;
        for (int i = 0; i < 25; i++) {
            last = templater.learn("POST", "/jobs/reindex-everything").template();
            for (int k = 0; k < 4; k++) {
                learn("/jobs/" + slugs(1_000).get(30 + 4 * i + k));
            }
        }
        assertThat(last).isEqualTo("/jobs/reindex-everything");
    }

    @Test
    void releaseTagsAreValuesOnceThereAreMany() {
        assertThat(learn("/api/v1/things")).isEqualTo("/api/v1/things");
        for (int i = 0; i < 30; i++) {
            learn("/downloads/v" + (i / 10) + "." + (i % 10) + ".0/app.tar.gz");
        }
        assertThat(templater.templateOf("/downloads/v0.1.0/app.tar.gz")).isEqualTo("/downloads/{param}/app.tar.gz");
        assertThat(templater.templateOf("/api/v1/things")).isEqualTo("/api/v1/things");
    }

    @Test
    void codesMergeEarly() {
        for (String code : new String[] {"EUR", "USD", "GBP", "CHF", "JPY", "SEK"}) {
            for (int i = 0; i < 10; i++) {
                learn("/fx/rates/" + code);
            }
        }
        assertThat(templater.templateOf("/fx/rates/NOK")).isEqualTo("/fx/rates/{param}");
    }

    @Test
    void matrixParametersEmptySegmentsAndQueriesAreIgnored() {
        assertThat(learn("/cart;jsessionid=0123ABCDEF/items//7/")).isEqualTo("/cart/items/{id}");
        assertThat(learn("/")).isEqualTo("/");
        assertThat(learn("")).isEqualTo("/");
    }

    @Test
    void deepPathsAreFolded() {
        String deep = "/a".repeat(40);
        String template = learn(deep);
        assertThat(template.split("/")).hasSize(TemplaterSettings.defaults().maxDepth() + 2);
        assertThat(template).endsWith("/{param}");
        assertThat(templater.stats().depthFallbacks()).isEqualTo(1);
    }

    @Test
    void sameCallsGiveSameTemplates() {
        PathTemplater a = new PathTemplater();
        PathTemplater b = new PathTemplater();
        SplittableRandom random = new SplittableRandom(7);
        List<String> paths = new ArrayList<>();
        List<String> slugs = slugs(500);
        for (int i = 0; i < 5_000; i++) {
            paths.add("/t/" + slugs.get(random.nextInt(20)) + "/items/" + slugs.get(random.nextInt(500)) + "/" + random.nextInt(9));
        }
        for (String p : paths) {
            assertThat(a.learn("GET", p)).isEqualTo(b.learn("GET", p));
        }
        for (String p : paths) {
            assertThat(a.templateOf(p)).isEqualTo(b.templateOf(p));
        }
        assertThat(a.stats()).isEqualTo(b.stats());
    }

    @Test
    void a100kDistinctEndpointsStayBounded() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            learn("/" + word(random) + "/" + word(random) + "/" + word(random));
        }
        TemplaterStats stats = templater.stats();
        assertThat(stats.nodes()).isLessThanOrEqualTo(TemplaterSettings.defaults().maxNodes());
        assertThat(stats.nodes()).isLessThan(500); // cardinality merged every level
        assertThat(learn("/" + word(random) + "/" + word(random) + "/" + word(random))).isEqualTo("/{param}/{param}/{param}");
    }

    @Test
    void theNodeBudgetHoldsEvenAgainstHeavyDistinctLiterals() {
        TemplaterSettings d = TemplaterSettings.defaults();
        PathTemplater small = new PathTemplater(new TemplaterSettings(d.mergeThreshold(), d.codeMergeThreshold(),
                d.lightHits(), d.lightFraction(), d.maxLiteralChildren(), 100, d.maxDepth(), d.splitShare(),
                d.minSplitHits(), d.maxSplitsPerNode(), d.heavyValues()));
        SplittableRandom random = new SplittableRandom(3);
        String[] words = WellKnownWords.words();
        for (int i = 0; i < 100_000; i++) {
            // chains of well-known words never merge: only the budget bounds them
            small.learn("GET", "/" + words[random.nextInt(words.length)] + "/" + words[random.nextInt(words.length)] + "/"
                    + words[random.nextInt(words.length)] + "/" + random.nextInt(1_000));
        }
        assertThat(small.nodeCount()).isLessThanOrEqualTo(100);
        assertThat(small.stats().budgetFallbacks()).isGreaterThan(90_000);
        // past the budget, words that are not well-known are not kept either
        assertThat(small.learn("GET", "/users/jdoe-the-third/orders").template()).isEqualTo("/users/{param}/orders");
    }

    @Test
    void theLiteralCapPerNodeHoldsForWellKnownWordsToo() {
        String[] words = WellKnownWords.words();
        for (String w : words) {
            learn("/x/" + w);
        }
        // 2 × maxLiteralChildren literals at most; the rest go to {param}
        assertThat(templater.nodeCount()).isLessThanOrEqualTo(2 + 2 * TemplaterSettings.defaults().maxLiteralChildren() + 1);
        assertThat(learn("/x/" + words[words.length - 1])).isEqualTo("/x/{param}");
        assertThat(learn("/x/" + words[0])).isEqualTo("/x/" + words[0]);
    }

    static List<String> slugs(int n) {
        SplittableRandom random = new SplittableRandom(42);
        String[] a = {"red", "blue", "classic", "modern", "tiny", "giant", "brave", "calm", "wild", "quiet"};
        String[] b = {"chair", "lamp", "jacket", "kettle", "drone", "tent", "bike", "vase", "rug", "clock"};
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        while (out.size() < n) {
            out.add(a[random.nextInt(a.length)] + "-" + b[random.nextInt(b.length)] + "-" + a[random.nextInt(a.length)]
                    + "-" + b[random.nextInt(b.length)] + "-" + a[random.nextInt(a.length)]);
        }
        return new ArrayList<>(out);
    }

    private static String word(SplittableRandom random) {
        char[] c = new char[6 + random.nextInt(6)];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }
}
