package io.perimeter.tenancy.database;

/**
 * The reads allowed before the tenant is known. Each opens only the rows its key names (see the {@code *_lookup}
 * policies in the schema), and only for reading.
 */
public enum Lookup {
    /** A person's memberships, by username. */
    MEMBER("member"),
    /** An edge, by id, to check its credential. */
    EDGE("edge"),
    /** An enrollment token, by id, to redeem it. */
    ENROLLMENT("enrollment");

    private final String setting;

    Lookup(String name) {
        this.setting = "perimeter.lookup." + name;
    }

    String setting() {
        return setting;
    }
}
