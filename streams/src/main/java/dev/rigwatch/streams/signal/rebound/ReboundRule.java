package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.ReboundSignal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * The rebound rule for one instrument's sequence of closes: a fall of at least D% from the peak arms it, a rise of
 * at least R% from the trough then fires it once and starts watching again from that close, so it fires again only
 * after a new drawdown of D%. Thresholds are compared exactly, in BigDecimal.
 */
final class ReboundRule {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final int PCT_DECIMALS = 4;

    private final ReboundConfig config;
    private final BigDecimal drawdownPct;
    private final BigDecimal recoveryPct;

    ReboundRule(ReboundConfig config) {
        this.config = config;
        this.drawdownPct = BigDecimal.valueOf(config.drawdownPct());
        this.recoveryPct = BigDecimal.valueOf(config.recoveryPct());
    }

    /** The next state, and the signal when this close confirmed a rebound (else null). */
    record Outcome(ReboundState next, ReboundSignal signal) {
    }

    /**
     * @param state the instrument's state, or null for its first close
     * @param close a positive close price
     * @param time  when the close was seen (its candle's window end)
     */
    Outcome apply(String instrument, ReboundState state, BigDecimal close, Instant time) {
        if (state == null) {
            return new Outcome(ReboundState.watching(close, time), null);
        }
        return switch (state.phase()) {
            case WATCHING -> watch(state, close, time);
            case DRAWDOWN -> recover(instrument, state, close, time);
        };
    }

    private Outcome watch(ReboundState state, BigDecimal close, Instant time) {
        if (close.compareTo(state.peak()) > 0) {
            return new Outcome(ReboundState.watching(close, time), null);
        }
        if (atLeastPct(state.peak().subtract(close), state.peak(), drawdownPct)) {
            return new Outcome(ReboundState.drawdown(state.peak(), state.peakTime(), close, time), null);
        }
        return new Outcome(state, null);
    }

    private Outcome recover(String instrument, ReboundState state, BigDecimal close, Instant time) {
        if (close.compareTo(state.trough()) < 0) {
            return new Outcome(ReboundState.drawdown(state.peak(), state.peakTime(), close, time), null);
        }
        if (!atLeastPct(close.subtract(state.trough()), state.trough(), recoveryPct)) {
            return new Outcome(state, null);
        }
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, instrument,
                state.peak(), state.peakTime(), state.trough(), state.troughTime(), close, time,
                pct(state.peak().subtract(state.trough()), state.peak()),
                pct(close.subtract(state.trough()), state.trough()),
                config.drawdownPct(), config.recoveryPct());
        return new Outcome(ReboundState.watching(close, time), signal);
    }

    /** diff / base &gt;= pct / 100, without dividing (so without rounding). */
    private static boolean atLeastPct(BigDecimal diff, BigDecimal base, BigDecimal pct) {
        return diff.multiply(HUNDRED).compareTo(pct.multiply(base)) >= 0;
    }

    private static double pct(BigDecimal diff, BigDecimal base) {
        return diff.multiply(HUNDRED).divide(base, PCT_DECIMALS, RoundingMode.HALF_UP).doubleValue();
    }
}
