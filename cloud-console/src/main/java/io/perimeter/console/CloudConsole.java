package io.perimeter.console;

import io.micronaut.runtime.Micronaut;

/**
 * The Perimeter cloud as one process: the API's routes ({@code /api}, {@code /ingest}, {@code /edge}) and the web
 * console's pages. The console calls the API's services in process with the signed-in person's identity, so tenant
 * isolation is enforced in one place. The {@value #ENVIRONMENT} environment adds the console's configuration
 * ({@code application-console.yml}) over the API's.
 */
public final class CloudConsole {
    /** The Micronaut environment whose configuration turns the console on. */
    public static final String ENVIRONMENT = "console";
    /**
     * Added after {@link #ENVIRONMENT}: local sign-in with one configured account instead of Keycloak
     * ({@code application-console-local.yml}), for a single node without an identity provider.
     */
    public static final String LOCAL_SIGN_IN_ENVIRONMENT = "console-local";

    private CloudConsole() {}

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(CloudConsole.class).environments(ENVIRONMENT).banner(false).start();
    }
}
