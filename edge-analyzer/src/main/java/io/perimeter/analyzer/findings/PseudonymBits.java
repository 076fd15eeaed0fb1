package io.perimeter.analyzer.findings;

/**
 * The first 64 bits of a pseudonym, as a long: what rules keep in memory to count distinct identities and objects
 * (collisions among 64-bit prefixes are negligible at the caps the engine has).
 */
final class PseudonymBits {
    private PseudonymBits() {}

    /** The first 16 hex digits of {@code pseudonym}; any other string is hashed (FNV-1a, 64 bits). */
    static long of(String pseudonym) {
        if (pseudonym.length() >= 16) {
            try {
                return Long.parseUnsignedLong(pseudonym, 0, 16, 16);
            } catch (NumberFormatException e) {
                // not hex: fall through
            }
        }
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < pseudonym.length(); i++) {
            h ^= pseudonym.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }
}
