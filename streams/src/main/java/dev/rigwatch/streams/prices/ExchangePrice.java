package dev.rigwatch.streams.prices;

import java.math.BigDecimal;
import java.time.Instant;

/** One exchange's latest price of a symbol and the event time of the tick that carried it. */
record ExchangePrice(BigDecimal price, Instant eventTime) {
}
