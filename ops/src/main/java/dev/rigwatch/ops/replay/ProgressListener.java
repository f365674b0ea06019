package dev.rigwatch.ops.replay;

/** Told of a replay's progress after each committed transaction, i.e. whenever the progress is durable. */
@FunctionalInterface
public interface ProgressListener {

    void onProgress(ReplayProgress progress);
}
