package dev.rigwatch.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A series of closes recovering after a drawdown, with everything a trader needs to see why it fired: the peak and
 * the trough it was measured between, the confirming window and the rule's thresholds. Topic {@code signals.rebound},
 * key {@link #subject()}, record timestamp {@link #confirmedAt()}. All times are window ends, in event time.
 *
 * <p>Version 2 generalised version 1 from crypto instruments to any subject and interval; a version-1 record lacks
 * the subject, interval and confirming window, so it is refused with that reason rather than read half-empty
 * (signals are derived data: reset the streams application to recompute them).
 *
 * @param subject              the series and Kafka key: {@code exchange:SYMBOL} for crypto, {@code model:<model>}
 *                             (or {@code family:<family>}) for GPUs
 * @param subjectType          {@value #CRYPTO} or {@value #GPU}
 * @param interval             the window size of the series ({@code PT1M}, {@code PT1H}, {@code PT24H})
 * @param peak                 the highest close in the lookback, since the previous signal, before the confirming ones
 * @param peakTime             the end of the peak's window
 * @param trough               the lowest close after the peak, before the confirming ones
 * @param troughTime           the end of the trough's window
 * @param price                the close that confirmed the rebound
 * @param confirmedAt          when the rebound was confirmed: the end of the confirming window
 * @param confirmedWindowStart inclusive start of the confirming window
 * @param confirmedWindowEnd   exclusive end of the confirming window (equal to {@code confirmedAt})
 * @param drawdownPct          (peak - trough) / peak, in percent, to 4 decimals
 * @param recoveryPct          (price - trough) / trough, in percent, to 4 decimals
 * @param confirmations        consecutive closes, ending with the confirming one, at least R % above the trough
 * @param strength             0.25 (both thresholds just met) to 1 (drawdown and recovery both at least twice their
 *                             thresholds): min(drawdown / D, 2) x min(recovery / R, 2) / 4, to 4 decimals
 * @param thresholds           the rule that fired
 */
public record ReboundSignal(
        int v,
        String subject,
        String subjectType,
        Duration interval,
        BigDecimal peak,
        Instant peakTime,
        BigDecimal trough,
        Instant troughTime,
        BigDecimal price,
        Instant confirmedAt,
        Instant confirmedWindowStart,
        Instant confirmedWindowEnd,
        double drawdownPct,
        double recoveryPct,
        int confirmations,
        double strength,
        Thresholds thresholds) implements Versioned {

    public static final int VERSION = 2;
    public static final String CRYPTO = "crypto";
    public static final String GPU = "gpu";

    public ReboundSignal {
        if (v < VERSION) {
            throw new IllegalArgumentException("ReboundSignal v" + v + " has no subject, interval or confirming window;"
                    + " v" + VERSION + " readers refuse it (signals are derived: recompute them from the candles)");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(peak, "peak");
        Objects.requireNonNull(peakTime, "peakTime");
        Objects.requireNonNull(trough, "trough");
        Objects.requireNonNull(troughTime, "troughTime");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(confirmedWindowStart, "confirmedWindowStart");
        Objects.requireNonNull(confirmedWindowEnd, "confirmedWindowEnd");
        Objects.requireNonNull(thresholds, "thresholds");
        if (!subjectType.equals(CRYPTO) && !subjectType.equals(GPU)) {
            throw new IllegalArgumentException("subjectType must be crypto or gpu, got " + subjectType);
        }
    }

    /**
     * The rule's parameters when it fired.
     *
     * @param drawdownPct     D: the fall from the peak, in percent, that arms the rule
     * @param recoveryPct     R: the rise from the trough, in percent, each confirming close must reach
     * @param confirmWindows  N: how many consecutive closes must hold R
     * @param lookbackWindows how many windows back the peak and trough may lie
     */
    public record Thresholds(double drawdownPct, double recoveryPct, int confirmWindows, int lookbackWindows) {
    }
}
