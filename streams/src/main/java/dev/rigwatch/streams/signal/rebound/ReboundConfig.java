package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.ReboundSignal;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Parameters of the rebound rule, thresholds in percent, counts in windows of the series it watches.
 *
 * <p>The {@link #defaults()} are calibrated on daily ETH-USD closes 2017-2024 ({@code ReboundCalibrationTest}): they
 * fire 9 times in 7 years, each a few weeks after one of the big bottoms (February, April, September and December
 * 2018, August 2019, March 2020, May 2021, January 2022, June 2022). ETH's ordinary corrections are 20-35 % deep, so
 * D = 40 % keeps to the crashes; R = 25 % on two daily closes in a row is a recovery rather than a dead-cat bounce
 * (at 30 % D the rule fires 17 times, at 35 % 12).
 *
 * @param drawdownPct     D: how far the trough must lie below the peak before it; 0 &lt; D &lt; 100
 *                        (default {@value #DEFAULT_DRAWDOWN_PCT})
 * @param recoveryPct     R: how far above the trough each confirming close must be; R &gt; 0
 *                        (default {@value #DEFAULT_RECOVERY_PCT})
 * @param confirmWindows  N: how many consecutive closes must hold R % above the trough; a single spike is not a
 *                        recovery (default {@value #DEFAULT_CONFIRM_WINDOWS})
 * @param lookbackWindows how many windows, ending with the current one, the peak and the trough may lie in; at least
 *                        N + 2, room for a peak, a trough and the confirmations (default
 *                        {@value #DEFAULT_LOOKBACK_WINDOWS}: on daily closes a quarter, long enough to hold a whole
 *                        crash, ETH's took 1.5-3 months from peak to trough, short enough that a year-old high does not
 *                        keep every later dip of a bear market counting as a drawdown)
 */
public record ReboundConfig(double drawdownPct, double recoveryPct, int confirmWindows, int lookbackWindows) {

    public static final double DEFAULT_DRAWDOWN_PCT = 40;
    public static final double DEFAULT_RECOVERY_PCT = 25;
    public static final int DEFAULT_CONFIRM_WINDOWS = 2;
    public static final int DEFAULT_LOOKBACK_WINDOWS = 90;

    public ReboundConfig {
        if (!(drawdownPct > 0 && drawdownPct < 100)) {
            throw new IllegalArgumentException("rebound drawdownPct must be > 0 and < 100, got " + drawdownPct);
        }
        if (!(recoveryPct > 0) || Double.isInfinite(recoveryPct)) {
            throw new IllegalArgumentException("rebound recoveryPct must be a finite number > 0, got " + recoveryPct);
        }
        if (confirmWindows < 1) {
            throw new IllegalArgumentException("rebound confirmWindows must be at least 1, got " + confirmWindows);
        }
        if (lookbackWindows < confirmWindows + 2) {
            throw new IllegalArgumentException("rebound lookbackWindows must be at least confirmWindows + 2 = "
                    + (confirmWindows + 2) + " (a peak, a trough and the confirmations), got " + lookbackWindows);
        }
    }

    /** D 40 %, R 25 %, N 2, lookback 90 windows: for daily closes, see the class comment. */
    public static ReboundConfig defaults() {
        return new ReboundConfig(DEFAULT_DRAWDOWN_PCT, DEFAULT_RECOVERY_PCT, DEFAULT_CONFIRM_WINDOWS,
                DEFAULT_LOOKBACK_WINDOWS);
    }

    /**
     * The parameters as people write them, for reports: {@code drawdown 40 %, recovery 25 %, 2 closes held, peak
     * within 90 days}, the lookback in the unit of {@code interval}, the series' window.
     */
    public String describe(Duration interval) {
        return describe(new Cadence.Fixed(interval));
    }

    String describe(Cadence cadence) {
        return "drawdown " + number(drawdownPct) + " %, recovery " + number(recoveryPct) + " %, "
                + Cadence.count(confirmWindows, "close") + " held, peak within " + cadence.span(lookbackWindows);
    }

    /** {@code 40}, {@code 7.5}: a parameter as typed, without a needless {@code .0}. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    ReboundSignal.Thresholds thresholds() {
        return new ReboundSignal.Thresholds(drawdownPct, recoveryPct, confirmWindows, lookbackWindows);
    }
}
