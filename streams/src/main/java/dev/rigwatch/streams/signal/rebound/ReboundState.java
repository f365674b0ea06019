package dev.rigwatch.streams.signal.rebound;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Where one instrument stands in the rebound rule. WATCHING tracks the peak (the highest close since the last
 * signal); DRAWDOWN keeps that peak fixed and tracks the trough (the lowest close since the drawdown armed the rule).
 *
 * @param trough     null while WATCHING
 * @param troughTime null while WATCHING
 */
record ReboundState(Phase phase, BigDecimal peak, Instant peakTime, BigDecimal trough, Instant troughTime) {

    enum Phase { WATCHING, DRAWDOWN }

    static ReboundState watching(BigDecimal peak, Instant peakTime) {
        return new ReboundState(Phase.WATCHING, peak, peakTime, null, null);
    }

    static ReboundState drawdown(BigDecimal peak, Instant peakTime, BigDecimal trough, Instant troughTime) {
        return new ReboundState(Phase.DRAWDOWN, peak, peakTime, trough, troughTime);
    }
}
