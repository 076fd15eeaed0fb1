package io.perimeter.analyzer.classification;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import dk.brics.automaton.Automaton;
import dk.brics.automaton.RegExp;
import dk.brics.automaton.RunAutomaton;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Whether a phone number is valid in its numbering plan: the answer of libphonenumber's
 * {@link PhoneNumberUtil#isValidNumber}, from libphonenumber's own metadata, about fifteen times faster.
 *
 * <p>libphonenumber decides validity by running, per region, up to eleven regular expressions of its metadata
 * (the general description, then the number types) through {@code java.util.regex}, behind a cache of 100
 * compiled patterns that the regions of a busy edge outgrow. Here the same expressions, with the same
 * possible-length lists, are compiled once per region into one minimal deterministic automaton over digits
 * (dk.brics.automaton): "matches the general description and at least one number type". A number is then one
 * table step per digit. The region of a shared country calling code (+1: the United States, Canada, Puerto
 * Rico, …) is chosen as libphonenumber chooses it: in its order, by the region's leading digits where the
 * metadata gives them, else by the number being valid there.
 *
 * <p>Only the numbering-plan data is libphonenumber's; a library upgrade changes the answers of both alike.
 * {@code NumberPlansTest} compares the two on numbers of every calling code. Automata are built on first use of
 * a region (a few milliseconds each) and kept: there are about 250. A region whose expressions use a construct
 * this class does not translate (none in the bundled metadata) is left to libphonenumber. Thread-safe.
 */
final class NumberPlans {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final String NON_GEOGRAPHIC = "001";
    private static final Automaton DIGIT = Automaton.makeCharRange('0', '9');

    /**
     * Whether libphonenumber's parser, in {@code region}, rewrites a national number with the region's transform rule
     * (the NANP regions that complete a seven-digit local number with their area code: AG, BB, GU, …).
     */
    static boolean completesLocalNumbers(String region) {
        PhoneMetadata metadata = METADATA.getMetadataForRegion(region);
        return metadata == null || !metadata.getNationalPrefixTransformRule().isEmpty();
    }

    /** Whether every region's expressions could be compiled (see {@link Plan#UNREADABLE}); for the test. */
    static boolean allReadable() {
        for (String region : UTIL.getSupportedRegions()) {
            if (plan(region, UTIL.getCountryCodeForRegion(region)) == Plan.UNREADABLE) {
                return false;
            }
        }
        for (int countryCode : UTIL.getSupportedGlobalNetworkCallingCodes()) {
            if (plan(NON_GEOGRAPHIC, countryCode) == Plan.UNREADABLE) {
                return false;
            }
        }
        return true;
    }

    /** Per region code, or per calling code for non-geographic numbers ({@code +800}, …). */
    private static final ConcurrentMap<String, Plan> PLANS = new ConcurrentHashMap<>();

    private NumberPlans() {}

    /** Same as {@code PhoneNumberUtil.getInstance().isValidNumber(number)}. */
    static boolean isValid(PhoneNumber number) {
        int countryCode = number.getCountryCode();
        List<String> regions = UTIL.getRegionCodesForCountryCode(countryCode);
        if (regions.isEmpty()) {
            return false;
        }
        String national = UTIL.getNationalSignificantNumber(number);
        if (regions.size() == 1) {
            Plan plan = plan(regions.getFirst(), countryCode);
            if (plan == Plan.UNREADABLE) {
                return UTIL.isValidNumber(number);
            }
            return plan != null && plan.valid.run(national);
        }
        for (String region : regions) {
            Plan plan = plan(region, countryCode);
            if (plan == null) {
                continue;
            }
            if (plan == Plan.UNREADABLE) {
                return UTIL.isValidNumber(number);
            }
            if (plan.leadingDigits != null) {
                if (plan.leadingDigits.run(national)) {
                    return plan.valid.run(national);
                }
            } else if (plan.valid.run(national)) {
                return true;
            }
        }
        return false;
    }

    private static Plan plan(String region, int countryCode) {
        boolean nonGeographic = NON_GEOGRAPHIC.equals(region);
        return PLANS.computeIfAbsent(nonGeographic ? "+" + countryCode : region, key -> {
            PhoneMetadata metadata = nonGeographic
                    ? METADATA.getMetadataForNonGeographicalRegion(countryCode)
                    : METADATA.getMetadataForRegion(region);
            return metadata == null ? null : Plan.of(metadata);
        });
    }

    /**
     * @param valid digits that match the general description and one of the number types
     * @param leadingDigits digits that start with the region's leading digits, or {@code null} when the metadata
     *     gives none
     */
    private record Plan(RunAutomaton valid, RunAutomaton leadingDigits) {

        /** A region with an expression this class does not read: its numbers are left to libphonenumber. */
        static final Plan UNREADABLE = new Plan(null, null);

        static Plan of(PhoneMetadata metadata) {
            try {
                return compile(metadata);
            } catch (IllegalArgumentException unreadable) {
                return UNREADABLE;
            }
        }

        private static Plan compile(PhoneMetadata metadata) {
            Automaton anyType = Automaton.makeEmpty();
            for (PhoneNumberDesc type : List.of(metadata.getPremiumRate(), metadata.getTollFree(),
                    metadata.getSharedCost(), metadata.getVoip(), metadata.getPersonalNumber(), metadata.getPager(),
                    metadata.getUan(), metadata.getVoicemail(), metadata.getFixedLine(), metadata.getMobile())) {
                anyType = anyType.union(matching(type));
            }
            Automaton valid = matching(metadata.getGeneralDesc()).intersection(anyType);
            valid.minimize();
            RunAutomaton leading = metadata.hasLeadingDigits()
                    ? new RunAutomaton(digits(metadata.getLeadingDigits()).concatenate(DIGIT.repeat()))
                    : null;
            return new Plan(new RunAutomaton(valid), leading);
        }

        /** The numbers a description matches: its possible lengths (when listed) and its whole pattern. */
        private static Automaton matching(PhoneNumberDesc description) {
            String pattern = description.getNationalNumberPattern();
            if (pattern.isEmpty()) {
                return Automaton.makeEmpty();
            }
            Automaton matching = digits(pattern);
            List<Integer> lengths = description.getPossibleLengthList();
            if (!lengths.isEmpty()) {
                Automaton ofLength = Automaton.makeEmpty();
                for (int length : lengths) {
                    ofLength = ofLength.union(DIGIT.repeat(length, length));
                }
                matching = matching.intersection(ofLength);
            }
            return matching;
        }

        /**
         * A metadata expression as an automaton. The metadata uses digits, {@code \d}, character classes of digits,
         * {@code (?:…)} groups, alternation and the quantifiers {@code ? * + {n} {n,m}}, which mean the same in
         * dk.brics.automaton's syntax once groups are written {@code (…)} and {@code \d} as {@code [0-9]}; anything
         * else is refused ({@link IllegalArgumentException}) rather than read differently.
         */
        private static Automaton digits(String pattern) {
            String translated = pattern.replace("(?:", "(").replace("\\d", "[0-9]");
            for (int i = 0; i < translated.length(); i++) {
                if ("0123456789[]-(){},?|*+".indexOf(translated.charAt(i)) < 0) {
                    throw new IllegalArgumentException("unexpected construct in numbering-plan pattern " + pattern);
                }
            }
            return new RegExp("(" + translated + ")", RegExp.NONE).toAutomaton();
        }
    }
}
