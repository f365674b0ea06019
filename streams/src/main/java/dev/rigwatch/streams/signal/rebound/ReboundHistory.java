package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.ReboundSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The production rebound rule over a list of one subject's candles, outside a topology: what the crypto series of
 * {@link Rebound#addTo} would emit on them, record by record, for a backtest's parameter sweep. Each candle is one
 * {@link ReboundRule#step}, exactly as the detector takes each record, so a candle without a close or one that does
 * not follow the last is skipped, and one of another interval is left out as the stage dead-letters it.
 */
public final class ReboundHistory {

    private ReboundHistory() {
    }

    /**
     * @param subject  the series' key (its signals' subject), e.g. {@code coinbase:ETH-USD}
     * @param interval the candles' interval, as the series the rule watches
     * @param candles  in the order the detector would read them (a topic partition's offset order)
     */
    public static List<ReboundSignal> signals(String subject, Duration interval, ReboundConfig config,
                                              List<Candle> candles) {
        ReboundRule rule = new ReboundRule(ReboundSignal.CRYPTO, config, new Cadence.Fixed(interval));
        ReboundState state = null;
        List<ReboundSignal> signals = new ArrayList<>();
        for (Candle candle : candles) {
            ReboundRule.Step step = rule.step(subject, state, Rebound.close(candle));
            state = step.next();
            if (step.signal() != null) {
                signals.add(step.signal());
            }
        }
        return signals;
    }
}
