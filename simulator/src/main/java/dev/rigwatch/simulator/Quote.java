package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What one exchange's ticker shows for one product at one simulated moment: its last trade, the book around it,
 * and the trades of the last 24 hours and of the UTC day so far. The exchange handlers render it in each
 * exchange's own format.
 *
 * @param exchange        the exchange
 * @param productId       the product
 * @param tradeId         id of the last trade: one trade per simulated second, numbered by its epoch second
 * @param tradeTime       when the last trade happened (simulated, microsecond precision)
 * @param price           the last trade's price, in the exchange's precision
 * @param size            the last trade's size, in base currency
 * @param buyerTookTheAsk whether the last trade was a buy at the ask (else a sell at the bid)
 * @param bid             best bid
 * @param ask             best ask; the last trade was at the bid or the ask
 * @param bidSize         base-currency size offered at the bid
 * @param askSize         base-currency size offered at the ask
 * @param last24h         the 86,400 trades ending with the last one
 * @param today           the trades since 00:00 UTC of the last trade's day
 */
public record Quote(
        SimulatedExchange exchange,
        String productId,
        long tradeId,
        Instant tradeTime,
        BigDecimal price,
        BigDecimal size,
        boolean buyerTookTheAsk,
        BigDecimal bid,
        BigDecimal ask,
        BigDecimal bidSize,
        BigDecimal askSize,
        TradeStats last24h,
        TradeStats today) {
}
