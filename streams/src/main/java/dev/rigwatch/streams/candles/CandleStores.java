package dev.rigwatch.streams.candles;

import java.time.Duration;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * The candles' window stores: in memory, backed by their changelogs like any store. A persistent window store keeps
 * its windows in RocksDB segments of at least a minute each and opens a new RocksDB instance whenever stream time
 * enters a new segment; over history, where stream time runs hours ahead per second, the 1-minute candles' store
 * opened and closed one every few hundred ticks, and that was most of the streams stage's time in a backtest. A
 * candle store holds only the windows still open (one or two per instrument), so memory is no reason for RocksDB.
 */
final class CandleStores {

    private CandleStores() {
    }

    /** A store that keeps each window until it has closed: {@code size} plus {@code grace} of stream time. */
    static WindowBytesStoreSupplier inMemory(String name, Duration size, Duration grace) {
        return Stores.inMemoryWindowStore(name, size.plus(grace), size, false);
    }
}
