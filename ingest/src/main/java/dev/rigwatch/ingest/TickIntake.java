package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.resilience.TickVerdict;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One tick's way into Kafka, the same whether a poll answered it ({@link TickerPoller}) or a feed pushed it
 * ({@link WsTickerFeed}): a repeat of the trade last sent is counted unchanged, an invalid tick is counted and its
 * symbol's gap tracker told, a new valid one is sent and counted, and every good tick (a repeat too: a quiet market
 * is not a stale source) goes to the gap watch. What differs between the two, how a reject is told and what an
 * outage means, stays with them.
 */
final class TickIntake {

    /** What became of one tick. */
    sealed interface Outcome permits Repeated, Invalid, Sent {
    }

    /** The trade last sent again: counted unchanged, nothing sent. */
    record Repeated() implements Outcome {
    }

    /** Refused by the validator: counted; the caller dead-letters it in its own words. */
    record Invalid(TickVerdict.Invalid verdict) implements Outcome {
    }

    /** @param closedGap whether this tick closed its symbol's gap, whose repair is then under way */
    record Sent(boolean closedGap) implements Outcome {
    }

    private static final Repeated REPEATED = new Repeated();

    private final TickerPoller.Guards guards;
    private final CountedSender sender;
    private final TickerMeters meters;
    private final GapWatch gapWatch;
    /** {@link CryptoTick#tradeIdentity()} of the last tick sent per symbol, to count the same trade again as unchanged. */
    private final Map<String, AtomicReference<String>> lastSentTrade;

    TickIntake(String exchange, List<String> symbols, EventProducer producer, TickerPoller.Guards guards,
               MeterRegistry registry) {
        this.guards = guards;
        this.sender = new CountedSender(producer, exchange);
        this.meters = new TickerMeters(registry, exchange, symbols);
        this.gapWatch = new GapWatch(exchange, guards.gaps(), guards.repair(), sender, meters);
        this.lastSentTrade = symbols.stream().collect(Collectors.toUnmodifiableMap(s -> s, s -> new AtomicReference<>()));
    }

    /** Whether {@code symbol} is one of this intake's. */
    boolean knows(String symbol) {
        return lastSentTrade.containsKey(symbol);
    }

    /**
     * @param tick           a tick of one of {@link #knows known} symbols
     * @param onAcknowledged run once Kafka acknowledged the tick, if it is sent
     * @param repairs        where a gap this tick closes is repaired
     */
    Outcome accept(CryptoTick tick, Runnable onAcknowledged, ExecutorService repairs) {
        AtomicReference<String> last = lastSentTrade.get(tick.symbol());
        if (last == null) {
            throw new IllegalArgumentException("a tick of " + tick.key() + ", which is not one of this intake's symbols");
        }
        String trade = tick.tradeIdentity();
        if (trade != null && trade.equals(last.get())) {
            meters.ticksUnchanged.increment();
            gapWatch.onGoodTick(tick, repairs);
            return REPEATED;
        }
        if (guards.validator().validate(tick) instanceof TickVerdict.Invalid invalid) {
            meters.tickInvalid(invalid.reason());
            guards.gaps().recordFailure(tick.symbol(), invalid.reasonCode());
            return new Invalid(invalid);
        }
        last.set(trade);
        sender.send(Topics.CRYPTO_TICKS, tick.key(), tick, tick.eventTime(), new CountedSender.Accounting(
                meters.ticks(tick.symbol()), meters.ticksSendFailed,
                // forget it, so that the next poll returning this trade sends it again
                () -> last.compareAndSet(trade, null), onAcknowledged));
        return new Sent(gapWatch.onGoodTick(tick, repairs));
    }

    CountedSender sender() {
        return sender;
    }

    TickerMeters meters() {
        return meters;
    }

    GapWatch gapWatch() {
        return gapWatch;
    }
}
