package dev.rigwatch.events.outcome;

import java.math.BigDecimal;
import java.time.Instant;

/** One close of a subject's price series: what forward outcomes are measured on and what charts draw. */
public record PricePoint(Instant time, BigDecimal price) {
}
