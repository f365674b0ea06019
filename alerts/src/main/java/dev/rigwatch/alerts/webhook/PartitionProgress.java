package dev.rigwatch.alerts.webhook;

import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Offsets of one assigned partition of {@code alerts}: read, not yet finished, committed. An offset is committable
 * only once it and every one before it is finished, so the reader thread keeps the books; the delivery threads only
 * report what they finished, and learn that the partition was revoked.
 */
final class PartitionProgress {

    /** Read, not finished. Reader thread only. */
    private final TreeSet<Long> pending = new TreeSet<>();
    /** Finished on any thread, not yet taken off {@link #pending}. */
    private final Queue<Long> finished = new ConcurrentLinkedQueue<>();
    private long next;
    private long committed = -1;
    private volatile boolean revoked;

    PartitionProgress(long position) {
        this.next = position;
    }

    /** An alert read that is handled on another thread, or by a send still to be acknowledged. */
    void awaiting(long offset) {
        pending.add(offset);
        next = offset + 1;
    }

    /** An alert read and handled at once. */
    void skipped(long offset) {
        next = offset + 1;
    }

    /** Any thread: the alert at {@code offset} is done with, and may be committed. */
    void finished(long offset) {
        finished.add(offset);
    }

    /** Reader thread: takes what was finished off the pending offsets. */
    void markFinished() {
        for (Long offset; (offset = finished.poll()) != null; ) {
            pending.remove(offset);
        }
    }

    /** Everything before it is finished. */
    long committable() {
        return pending.isEmpty() ? next : pending.first();
    }

    /** Whether {@link #committable()} is past what was last committed. */
    boolean ahead() {
        return committable() > committed;
    }

    void committed(long offset) {
        committed = offset;
    }

    /** Its queued deliveries are dropped: the partition's new owner delivers them from the committed offset. */
    void revoke() {
        revoked = true;
    }

    boolean revoked() {
        return revoked;
    }
}
