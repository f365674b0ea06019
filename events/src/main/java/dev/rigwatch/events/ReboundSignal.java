package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price recovering after a drawdown, with everything a trader needs to see why it fired. Topic
 * {@code signals.rebound}, key the instrument, record timestamp {@link #confirmedAt()}.
 *
 * @param instrument           {@code exchange:SYMBOL}
 * @param peak                 the trailing high the drawdown is measured from
 * @param peakTime             when the peak was seen (end of its candle)
 * @param trough               the low after the peak that the recovery is measured from
 * @param troughTime           when the trough was seen
 * @param price                the price that confirmed the rebound
 * @param confirmedAt          event time of the confirming candle's end
 * @param drawdownPct          (peak - trough) / peak, in percent
 * @param recoveryPct          (price - trough) / trough, in percent
 * @param drawdownThresholdPct the rule's D: the drawdown needed to arm it
 * @param recoveryThresholdPct the rule's R: the recovery needed to fire
 */
public record ReboundSignal(
        int v,
        String instrument,
        BigDecimal peak,
        Instant peakTime,
        BigDecimal trough,
        Instant troughTime,
        BigDecimal price,
        Instant confirmedAt,
        double drawdownPct,
        double recoveryPct,
        double drawdownThresholdPct,
        double recoveryThresholdPct) implements Versioned {

    public static final int VERSION = 1;
}
