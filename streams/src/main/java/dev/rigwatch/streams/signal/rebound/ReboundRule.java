package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.streams.signal.rebound.ReboundState.Close;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rebound rule over one series of closes, the same for every subject: it fires on the close that completes N
 * consecutive closes at least R % above the trough, when the trough lies at least D % below the peak.
 *
 * <ul>
 *   <li>Trailing: only the closes of the last {@code lookbackWindows} windows count (a gap in the series does not
 *   stretch the lookback), and none older than the previous signal.</li>
 *   <li>Peak: the highest of those closes before the N confirming ones. Trough: the lowest close after the peak and
 *   before the confirming ones. (The latest, where a price repeats.)</li>
 *   <li>Confirmation: the last N closes are all at least R % above the trough and the close before them was not (or
 *   is the trough), so the rule fires when a recovery completes, not later when an older high or low trails out of
 *   the lookback.</li>
 *   <li>One rebound, one signal: a signal's close starts the series afresh, so a recovery that goes on rising has no
 *   trough below a peak, and the next signal needs a new peak and a new D % drawdown after this one.</li>
 * </ul>
 * Thresholds are compared exactly, in BigDecimal; the reported percentages and the strength are rounded to 4
 * decimals.
 */
final class ReboundRule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal FOUR = BigDecimal.valueOf(4);
    private static final int DECIMALS = 4;

    private final String subjectType;
    private final ReboundConfig config;
    private final Cadence cadence;
    private final BigDecimal drawdownPct;
    private final BigDecimal recoveryPct;

    ReboundRule(String subjectType, ReboundConfig config, Cadence cadence) {
        this.subjectType = subjectType;
        this.config = config;
        this.cadence = cadence;
        this.drawdownPct = BigDecimal.valueOf(config.drawdownPct());
        this.recoveryPct = BigDecimal.valueOf(config.recoveryPct());
    }

    /** The next state, and the signal when this close confirmed a rebound (else null). */
    record Outcome(ReboundState next, ReboundSignal signal) {
    }

    /** What one value did to its series: see {@link #step}. */
    enum StepKind { NO_CLOSE, NOT_OF_CADENCE, OUT_OF_ORDER, APPLIED }

    /** The series' state after one value, the signal it confirmed (else null), and which case it was. */
    record Step(StepKind kind, ReboundState next, ReboundSignal signal) {
    }

    /**
     * One value of a series, as the detector takes each record and {@link ReboundHistory} each close of a list: no
     * close (no price) and a close that does not follow the series' last one leave the state as it is; a close of
     * another window layout is {@link StepKind#NOT_OF_CADENCE} (the detector fails its record, so the state stays too);
     * any other close is applied.
     *
     * @param state the series' state, or null before its first close
     * @param close the value's close, or null for one without a price
     */
    Step step(String subject, ReboundState state, Close close) {
        if (close == null) {
            return new Step(StepKind.NO_CLOSE, state, null);
        }
        if (!cadence.fits(close)) {
            return new Step(StepKind.NOT_OF_CADENCE, state, null);
        }
        if (state != null && close.windowStart().isBefore(state.last().windowEnd())) {
            return new Step(StepKind.OUT_OF_ORDER, state, null);
        }
        Outcome outcome = apply(subject, state, close);
        return new Step(StepKind.APPLIED, outcome.next(), outcome.signal());
    }

    Cadence cadence() {
        return cadence;
    }

    /**
     * @param state the series' state, or null for its first close
     * @param close a positive close of one window of the cadence, after the state's last one
     */
    Outcome apply(String subject, ReboundState state, Close close) {
        Instant lookbackStart = cadence.lookbackStart(close.windowEnd(), config.lookbackWindows());
        List<Close> closes = new ArrayList<>();
        if (state != null) {
            state.closes().stream().filter(c -> !c.windowStart().isBefore(lookbackStart)).forEach(closes::add);
        }
        closes.add(close);

        ReboundSignal signal = rebound(subject, cadence.interval(), closes);
        return new Outcome(new ReboundState(signal == null ? closes : List.of(close)), signal);
    }

    private ReboundSignal rebound(String subject, Duration interval, List<Close> closes) {
        int n = config.confirmWindows();
        int runStart = closes.size() - n;
        // a peak and a trough after it, both before the run of N confirming closes
        if (runStart < 2) {
            return null;
        }
        int peakIndex = latestExtreme(closes, 0, runStart - 1, 1);
        if (peakIndex >= runStart - 1) {
            return null;
        }
        int troughIndex = latestExtreme(closes, peakIndex + 1, runStart - 1, -1);
        Close peak = closes.get(peakIndex);
        BigDecimal trough = closes.get(troughIndex).price();
        for (int i = runStart; i < closes.size(); i++) {
            if (!atLeastPct(closes.get(i).price().subtract(trough), trough, recoveryPct)) {
                return null;
            }
        }
        if (runStart - 1 != troughIndex
                && atLeastPct(closes.get(runStart - 1).price().subtract(trough), trough, recoveryPct)) {
            return null;
        }
        if (!atLeastPct(peak.price().subtract(trough), peak.price(), drawdownPct)) {
            return null;
        }
        Close confirming = closes.get(closes.size() - 1);
        BigDecimal drawdown = pct(peak.price().subtract(trough), peak.price());
        BigDecimal recovery = pct(confirming.price().subtract(trough), trough);
        return new ReboundSignal(ReboundSignal.VERSION, subject, subjectType, interval,
                peak.price(), peak.windowEnd(), trough, closes.get(troughIndex).windowEnd(), confirming.price(),
                confirming.windowEnd(), confirming.windowStart(), confirming.windowEnd(),
                round(drawdown), round(recovery), n, strength(drawdown, recovery), config.thresholds());
    }

    /** Index of the latest highest ({@code sign} 1) or lowest ({@code sign} -1) close in [from, to]. */
    private static int latestExtreme(List<Close> closes, int from, int to, int sign) {
        int best = from;
        for (int i = from + 1; i <= to; i++) {
            if (closes.get(i).price().compareTo(closes.get(best).price()) * sign >= 0) {
                best = i;
            }
        }
        return best;
    }

    /** min(drawdown / D, 2) x min(recovery / R, 2) / 4: 0.25 when both thresholds are just met, 1 at twice both. */
    private double strength(BigDecimal drawdown, BigDecimal recovery) {
        BigDecimal drawdownRatio = drawdown.divide(drawdownPct, MathContext.DECIMAL64).min(TWO);
        BigDecimal recoveryRatio = recovery.divide(recoveryPct, MathContext.DECIMAL64).min(TWO);
        return drawdownRatio.multiply(recoveryRatio).divide(FOUR, DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }

    /** diff / base &gt;= pct / 100, without dividing (so without rounding). */
    private static boolean atLeastPct(BigDecimal diff, BigDecimal base, BigDecimal pct) {
        return diff.multiply(HUNDRED).compareTo(pct.multiply(base)) >= 0;
    }

    private static BigDecimal pct(BigDecimal diff, BigDecimal base) {
        return diff.multiply(HUNDRED).divide(base, MathContext.DECIMAL64);
    }

    private static double round(BigDecimal pct) {
        return pct.setScale(DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }
}
