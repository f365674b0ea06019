package dev.rigwatch.streams.signal.capitulation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where one model stands: {@code armed} once a day was profitable, until a day's loss fires the signal; a day
 * breaking exactly even changes neither.
 *
 * @param lastProfitableDayEnd    end of the latest profitable day; null before the first
 * @param lastProfit              that day's profit; null before the first
 * @param lastProfitableCoinPrice that day's close; null before the first
 */
record ProfitState(boolean armed, Instant lastProfitableDayEnd, BigDecimal lastProfit,
                   BigDecimal lastProfitableCoinPrice) {
}
