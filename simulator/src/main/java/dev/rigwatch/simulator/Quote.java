package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a ticker shows for one product at one simulated moment: its last trade and the book around it. The
 * exchange handlers render it in each exchange's own format.
 *
 * @param productId  the product
 * @param tradeId    id of the last trade: one trade per simulated second, numbered by its epoch second
 * @param tradeTime  when the last trade happened (simulated, microsecond precision)
 * @param price      the last trade's price
 * @param size       the last trade's size, in base currency
 * @param bid        best bid
 * @param ask        best ask; the last trade was at the bid or the ask
 * @param volume24h  base-currency volume over the last 24 hours
 */
public record Quote(
        String productId,
        long tradeId,
        Instant tradeTime,
        BigDecimal price,
        BigDecimal size,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal volume24h) {
}
