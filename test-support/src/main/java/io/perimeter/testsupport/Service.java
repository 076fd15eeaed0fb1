package io.perimeter.testsupport;

/** A real service that integration tests can ask for with {@link RequiresServices}. */
public enum Service {
    POSTGRES("PostgreSQL", "postgres"),
    REDIS("Redis", "redis"),
    PULSAR("Apache Pulsar", "pulsar"),
    KEYCLOAK("Keycloak", "keycloak");

    private final String displayName;
    private final String scriptName;

    Service(String displayName, String scriptName) {
        this.displayName = displayName;
        this.scriptName = scriptName;
    }

    /** The product name, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The command that starts this service locally. */
    public String startCommand() {
        return "scripts/services start " + scriptName;
    }
}
