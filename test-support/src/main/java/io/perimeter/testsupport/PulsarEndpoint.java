package io.perimeter.testsupport;

/** Where a test's Pulsar answers: the binary protocol URL and the admin (HTTP) URL. */
public record PulsarEndpoint(String serviceUrl, String adminUrl) {}
