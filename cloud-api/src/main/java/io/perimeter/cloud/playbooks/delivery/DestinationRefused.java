package io.perimeter.cloud.playbooks.delivery;

/** A destination URL this deployment will not send to; the message says why without quoting secrets. */
public final class DestinationRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DestinationRefused(String message) {
        super(message, null, false, false);
    }
}
