package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.ReboundSignal;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One rebound series' rule and state, held in memory for the micro benchmark ({@code rigwatch bench}). The rule, its
 * state and its cadence are package-private in the streams module; this facade lives in the bench module, in their
 * package, so that the streams module's API does not grow for a benchmark, and it takes the step
 * {@link ReboundDetector} takes for each close without the state store around it.
 */
public final class ReboundRuleFacade {

    private final ReboundRule rule;
    private final String subject;
    private ReboundState state;

    /** @param interval the series' fixed window, e.g. one minute for the crypto candles */
    public ReboundRuleFacade(String subjectType, String subject, ReboundConfig config, Duration interval) {
        this.rule = new ReboundRule(subjectType, config, new Cadence.Fixed(interval));
        this.subject = subject;
    }

    /**
     * The rule on the next close of the series, which must come after the last one: the state moves on, and the
     * signal this close confirmed is returned, else null.
     */
    public ReboundSignal close(Instant windowStart, Instant windowEnd, BigDecimal price) {
        ReboundRule.Outcome outcome = rule.apply(subject, state, new ReboundState.Close(windowStart, windowEnd, price));
        state = outcome.next();
        return outcome.signal();
    }

    /** Forgets the series: its next close is its first. */
    public void restart() {
        state = null;
    }
}
