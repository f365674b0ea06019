package dev.rigwatch.ops.history;

/**
 * How far an import has got, for progress lines.
 *
 * @param line     the last line read
 * @param rowsRead data rows read so far
 * @param imported records Kafka acknowledged so far
 * @param rejected bad rows so far
 */
public record ImportProgress(int line, long rowsRead, long imported, long rejected) {

    /**
     * Called on the importing thread every {@link ImportOptions#progressEvery()} rows; throws a
     * {@link java.util.concurrent.CancellationException} to stop the import there.
     */
    @FunctionalInterface
    public interface Listener {
        void update(ImportProgress progress);
    }
}
