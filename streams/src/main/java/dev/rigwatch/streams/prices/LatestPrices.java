package dev.rigwatch.streams.prices;

import dev.rigwatch.events.ConsolidatedPrice;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each exchange's latest price of one symbol, the state behind its {@link ConsolidatedPrice}. An exchange stays here
 * once seen, however old its price: dropping it would let an even older tick of it in again.
 */
record LatestPrices(Map<String, ExchangePrice> byExchange) {

    static final LatestPrices NONE = new LatestPrices(Map.of());

    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    LatestPrices {
        byExchange = Map.copyOf(byExchange);
    }

    /**
     * The prices with {@code exchange}'s replaced by {@code latest}, or empty when the stored one is newer: ticks of
     * different exchanges meet out of order in the repartition, and an older tick must not undo a newer one. A tick
     * of the same event time replaces the stored one (the last to arrive wins, as a candle's close does), unless it is
     * the stored one again (same time and price: the newest tick of an instrument, passed on again at a commit).
     */
    Optional<LatestPrices> with(String exchange, ExchangePrice latest) {
        ExchangePrice stored = byExchange.get(exchange);
        if (stored != null && (latest.eventTime().isBefore(stored.eventTime())
                || latest.eventTime().equals(stored.eventTime()) && latest.price().compareTo(stored.price()) == 0)) {
            return Optional.empty();
        }
        Map<String, ExchangePrice> next = new HashMap<>(byExchange);
        next.put(exchange, latest);
        return Optional.of(new LatestPrices(next));
    }

    /**
     * The consolidated price as of a tick at {@code now}, from the exchanges whose latest tick is at most
     * {@code staleAfter} older than it. The median is exact: the middle price, or the mean of the middle two, which
     * keeps the inputs' scale unless halving needs one more digit (100.00 and 101.00 give 100.50; 99.99 and 100.00
     * give 99.995); the spread is computed to 16 significant digits before it becomes a double. The exchange of the tick at {@code now} must be among the prices, so one at least is fresh.
     */
    ConsolidatedPrice consolidate(String symbol, Instant now, Duration staleAfter) {
        Instant oldestFresh = now.minus(staleAfter);
        Map<String, BigDecimal> fresh = new HashMap<>();
        Instant newest = null;
        for (Map.Entry<String, ExchangePrice> entry : byExchange.entrySet()) {
            ExchangePrice latest = entry.getValue();
            if (!latest.eventTime().isBefore(oldestFresh)) {
                fresh.put(entry.getKey(), latest.price());
                newest = newest == null || latest.eventTime().isAfter(newest) ? latest.eventTime() : newest;
            }
        }
        List<BigDecimal> sorted = fresh.values().stream().sorted().toList();
        int n = sorted.size();
        BigDecimal median = n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(TWO);
        BigDecimal low = sorted.get(0);
        BigDecimal high = sorted.get(n - 1);
        double spreadPct = high.subtract(low).multiply(HUNDRED).divide(median, MathContext.DECIMAL64).doubleValue();
        return new ConsolidatedPrice(ConsolidatedPrice.VERSION, symbol, newest, median, low, high, spreadPct, fresh);
    }
}
