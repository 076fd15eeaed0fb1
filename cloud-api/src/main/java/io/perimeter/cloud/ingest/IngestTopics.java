package io.perimeter.cloud.ingest;

import io.perimeter.tenancy.provisioning.PulsarNamespaces;

/** Where a tenant's parts travel: its own topics, in the namespace onboarding gave it. */
final class IngestTopics {
    /** The Key_Shared subscription that applies parts to the inventory. */
    static final String SUBSCRIPTION = "inventory";
    /** The subscription created with the dead-letter topic, so that its messages are kept until someone looks. */
    static final String DEAD_LETTER_SUBSCRIPTION = "inspection";

    private IngestTopics() {}

    static String batches(String slug) {
        return "persistent://" + PulsarNamespaces.namespace(slug) + "/batches";
    }

    static String deadLetters(String slug) {
        return "persistent://" + PulsarNamespaces.namespace(slug) + "/batches-dead-letters";
    }
}
