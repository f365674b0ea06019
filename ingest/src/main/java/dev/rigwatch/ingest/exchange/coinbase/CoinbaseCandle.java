package dev.rigwatch.ingest.exchange.coinbase;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One row of Coinbase Exchange's {@code GET /products/{product_id}/candles}: an array
 * {@code [time, low, high, open, close, volume]} of JSON numbers, read as {@code BigDecimal} from the number's
 * text (the shared mapper never goes through a double).
 *
 * @param time the window's start, epoch seconds
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"time", "low", "high", "open", "close", "volume"})
record CoinbaseCandle(Long time, BigDecimal low, BigDecimal high, BigDecimal open, BigDecimal close,
                      BigDecimal volume) {
}
