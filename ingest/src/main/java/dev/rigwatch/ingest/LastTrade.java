package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/**
 * What makes a poll's answer the same trade as the last one sent, so that it is counted unchanged rather than sent
 * again: its trade id where the exchange gives one (Coinbase, Binance), else its exchange time and price (Bitstamp's
 * ticker has no trade id, but its {@code timestamp} and {@code last} stand still while nothing trades). A tick with
 * neither (Kraken's, timed at receipt) is never a repeat.
 *
 * @param price without trailing zeros, so that {@code 37413} and {@code 37413.0} are one price
 */
record LastTrade(String tradeId, Instant exchangeTime, BigDecimal price) {

    static Optional<LastTrade> of(CryptoTick tick) {
        if (tick.tradeId() != null) {
            return Optional.of(new LastTrade(tick.tradeId(), null, null));
        }
        if (tick.exchangeTime() != null && tick.price() != null) {
            return Optional.of(new LastTrade(null, tick.exchangeTime(), tick.price().stripTrailingZeros()));
        }
        return Optional.empty();
    }
}
