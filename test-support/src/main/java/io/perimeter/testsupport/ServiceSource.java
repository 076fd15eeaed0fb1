package io.perimeter.testsupport;

/** Provides the coordinates of running services; implementations fail loudly when one is missing. */
interface ServiceSource {

    /**
     * Makes sure the service answers and returns its coordinates.
     *
     * @throws ServiceUnavailableException with the command that starts it, when it does not answer
     */
    Object endpoint(Service service);

    /** A short description for failure messages. */
    String describe();
}
