package io.chariot.projections.processing;

/**
 * What a live processor's batch writes to its store as one group (a Redis pipeline, DynamoDB writes sent side by
 * side), opened on the processor's thread with the batch's first event ({@link LiveBatches}).
 */
public interface LiveBatch {

    /** Waits until every write of the batch is stored; a failure is the whole batch's. */
    void commit();

    /** Ends the batch on this thread, committed or not: what was not committed is dropped. */
    void close();
}
