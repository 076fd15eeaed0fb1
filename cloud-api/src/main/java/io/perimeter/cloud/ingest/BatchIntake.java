package io.perimeter.cloud.ingest;

/**
 * Where a screened batch goes: to the tenant's Pulsar topic ({@link PulsarIntake}), or straight into the database
 * when no Pulsar is configured ({@link InlineIntake}). Either way, {@link #accept} returns only once the batch is
 * durable, and a batch accepted before is recognized as a duplicate.
 */
interface BatchIntake {
    /**
     * @throws IngestUnavailableException if the batch could not be made durable now (the edge should retry later)
     */
    IngestReceipt accept(Batch batch);
}
