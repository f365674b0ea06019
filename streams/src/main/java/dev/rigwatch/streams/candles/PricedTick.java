package dev.rigwatch.streams.candles;

import java.math.BigDecimal;

/** A tick's price pinned to its record timestamp, so the candle orders prices by event time, not by arrival. */
record PricedTick(BigDecimal price, long eventTimeMs) {
}
