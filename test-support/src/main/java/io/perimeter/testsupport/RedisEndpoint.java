package io.perimeter.testsupport;

/** Where a test's Redis answers. */
public record RedisEndpoint(String host, int port) {

    /** The Redis URI, as Lettuce takes it. */
    public String uri() {
        return "redis://" + host + ":" + port;
    }
}
