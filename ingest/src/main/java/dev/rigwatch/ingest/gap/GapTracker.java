package dev.rigwatch.ingest.gap;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.SourceGap;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when one exchange's symbols go stale and when they recover. Staleness is judged on this tracker's own
 * clock (the wall clock) against when the last good tick arrived, never on a tick's times: an exchange's clock
 * may be skewed, and a simulated market stamps ticks with its own compressed time. The gap records the last good
 * tick's event time, so the repair knows which history to fetch.
 *
 * <p>A symbol that never had a good tick since start goes stale {@code staleAfter} after start. Thread-safe.
 */
public final class GapTracker {

    private final String exchange;
    private final Duration staleAfter;
    private final Clock clock;
    private final Map<String, SymbolState> symbols = new LinkedHashMap<>();

    private static final class SymbolState {
        Instant lastGoodReceived;
        Instant lastGoodEventTime;
        String lastFailure;
        int failedPolls;
        SourceGap open;
        Instant lastReported;

        SymbolState(Instant since) {
            lastGoodReceived = since;
        }
    }

    public GapTracker(String exchange, Collection<String> symbols, Duration staleAfter, Clock clock) {
        if (staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.staleAfter = staleAfter;
        this.clock = clock;
        Instant now = clock.instant();
        symbols.forEach(symbol -> this.symbols.put(symbol, new SymbolState(now)));
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /** The event time of the symbol's last good tick, where a repair of what followed starts; empty before one. */
    public synchronized Optional<Instant> lastGoodEventTime(String symbol) {
        SymbolState state = symbols.get(symbol);
        return state == null ? Optional.empty() : Optional.ofNullable(state.lastGoodEventTime);
    }

    /** Remembers why the latest poll of a symbol failed, to name it in the gap, and counts the failures in a row. */
    public synchronized void recordFailure(String symbol, String reasonCode) {
        SymbolState state = state(symbol);
        state.lastFailure = reasonCode;
        state.failedPolls++;
    }

    /**
     * The symbol answered with a valid tick: a new trade, or the last one again (a quiet market is not a stale
     * source). Returns the gap it ends, CLOSED with
     * {@code recoveredAt} = the tick's event time and no repair yet, or empty when the symbol was not stale.
     */
    public synchronized Optional<SourceGap> onGoodTick(CryptoTick tick) {
        SymbolState state = state(tick.symbol());
        Instant now = clock.instant();
        Duration silence = Duration.between(state.lastGoodReceived, now);
        int failedPolls = state.failedPolls;
        state.lastGoodReceived = now;
        SourceGap open = state.open;
        state.open = null;
        state.lastFailure = null;
        state.failedPolls = 0;
        Instant lastGood = state.lastGoodEventTime;
        state.lastGoodEventTime = tick.eventTime();
        if (open == null) {
            return Optional.empty();
        }
        return Optional.of(new SourceGap(SourceGap.VERSION, exchange, tick.symbol(), SourceGap.Status.CLOSED,
                lastGood, open.detectedAt(), tick.eventTime(), staleAfter, open.lastFailure(), null, null, now, silence,
                failedPolls));
    }

    /**
     * The gaps to report now: those that open (symbols with no good tick for {@code staleAfter}; {@code asOf} equals
     * {@code detectedAt}), and those still open whose last report is {@code staleAfter} old, again with the silence
     * and the failed polls so far, so an outage can be seen growing.
     */
    public synchronized List<SourceGap> checkStale() {
        Instant now = clock.instant();
        List<SourceGap> reports = new ArrayList<>();
        symbols.forEach((symbol, state) -> {
            Duration silence = Duration.between(state.lastGoodReceived, now);
            boolean opens = state.open == null && silence.compareTo(staleAfter) >= 0;
            boolean lasts = state.open != null && Duration.between(state.lastReported, now).compareTo(staleAfter) >= 0;
            if (opens || lasts) {
                SourceGap report = new SourceGap(SourceGap.VERSION, exchange, symbol, SourceGap.Status.OPEN,
                        state.lastGoodEventTime, opens ? now : state.open.detectedAt(), null, staleAfter,
                        state.lastFailure, null, null, now, silence, state.failedPolls);
                if (opens) {
                    state.open = report;
                }
                state.lastReported = now;
                reports.add(report);
            }
        });
        return reports;
    }

    private SymbolState state(String symbol) {
        SymbolState state = symbols.get(symbol);
        if (state == null) {
            throw new IllegalArgumentException(exchange + " does not poll " + symbol + "; it polls " + symbols.keySet());
        }
        return state;
    }
}
