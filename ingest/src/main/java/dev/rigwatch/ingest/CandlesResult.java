package dev.rigwatch.ingest;

import dev.rigwatch.events.Candle;
import java.util.List;
import java.util.Objects;

/** The outcome of a history request: an exchange's own candles, or the {@link FetchResult.Failure} that stopped it. */
public sealed interface CandlesResult permits CandlesResult.Candles, FetchResult.Failure {

    /** @param candles oldest first, one per window */
    record Candles(List<Candle> candles) implements CandlesResult {
        public Candles {
            candles = List.copyOf(Objects.requireNonNull(candles, "candles"));
        }
    }
}
