package dev.rigwatch.ops.backtest;

import java.math.BigDecimal;
import java.time.Instant;

/** One close of a subject's price series in a backtest, for the report's chart. */
public record PricePoint(Instant time, BigDecimal price) {
}
