package dev.rigwatch.simulator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One ticker answer the simulator sent in full: which trade an exchange told a client was its last. A test of
 * exactly-once delivery checks these against what reached Kafka; every field can also be recomputed from the
 * market ({@link SimulatedMarket#price}).
 *
 * @param exchange  the exchange whose API answered
 * @param productId the product, e.g. {@code BTC-USD} (its symbol on the exchange is {@link SimulatedExchange#symbol})
 * @param tradeId   the trade's id, its epoch second. In the body as {@code trade_id} (Coinbase) and {@code lastId}
 *                  (Binance); Bitstamp sends the second as {@code timestamp}; Kraken sends neither id nor time
 * @param tradeTime the trade's time: {@code time} on Coinbase, {@code closeTime} in milliseconds on Binance
 * @param price     the last price, as served
 * @param delay     how long a slow fault held the answer back ({@link Duration#ZERO} otherwise): a client whose
 *                  read timeout is shorter gave up before it arrived
 */
public record ServedTick(
        SimulatedExchange exchange,
        String productId,
        long tradeId,
        Instant tradeTime,
        BigDecimal price,
        Duration delay) {

    static ServedTick of(Quote quote) {
        return new ServedTick(quote.exchange(), quote.productId(), quote.tradeId(), quote.tradeTime(), quote.price(),
                Duration.ZERO);
    }

    ServedTick delayedBy(Duration by) {
        return new ServedTick(exchange, productId, tradeId, tradeTime, price, by);
    }
}
