package io.perimeter.tenancy.provisioning;

/** A tenant resource could not be created or removed; the message names which, and running again finishes it. */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String resource, Exception cause) {
        super("could not provision or remove the " + resource + ": " + cause.getMessage()
                + " (onboarding and offboarding are idempotent: run them again once it is fixed)", cause);
    }
}
