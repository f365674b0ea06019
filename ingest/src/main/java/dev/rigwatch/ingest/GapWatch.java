package dev.rigwatch.ingest;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.SourceGap;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ingest.gap.GapTracker;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one exchange's gaps: an {@code OPEN} {@link SourceGap} when a symbol has had no good tick for
 * {@code staleAfter} (and again every {@code staleAfter} while it lasts), and a {@code CLOSED} one, after the gap was filled from the exchange's candles, when good
 * ticks return. Repairs run on their own thread so that a slow history download never delays a poll.
 */
final class GapWatch {

    private static final Logger log = LoggerFactory.getLogger(GapWatch.class);

    private final String exchange;
    private final GapTracker gaps;
    private final TickerPoller.GapRepair repair;
    private final CountedSender sender;
    private final TickerMeters meters;

    GapWatch(String exchange, GapTracker gaps, TickerPoller.GapRepair repair, CountedSender sender,
             TickerMeters meters) {
        this.exchange = exchange;
        this.gaps = gaps;
        this.repair = repair;
        this.sender = sender;
        this.meters = meters;
    }

    /** Checks for symbols gone stale; scheduled, so it never throws. */
    void openGaps() {
        try {
            for (SourceGap gap : gaps.checkStale()) {
                if (gap.asOf().equals(gap.detectedAt())) {
                    meters.gapsOpened.increment();
                    log.warn("{} {} has had no good tick for {} (last failure: {}); gap opened", exchange,
                            gap.symbol(), gap.staleAfter(), gap.lastFailure() == null ? "none" : gap.lastFailure());
                } else {
                    // the opening was logged; the reports while it lasts are for readers of the topic
                    log.debug("{} {} still has no good tick after {} ({} polls failed in a row)", exchange,
                            gap.symbol(), gap.silence(), gap.failedPolls());
                }
                sender.send(Topics.INGEST_GAPS, gap.key(), gap, gap.asOf(), meters.gaps());
            }
        } catch (RuntimeException e) {
            // an exception would silently end the staleness checks: log it and keep checking
            log.error("Unexpected error checking {} for gaps; checks continue", exchange, e);
        }
    }

    /**
     * The symbol answered with a valid tick: if it had a gap, the gap closes and is repaired on {@code repairs}.
     *
     * @return whether a gap closed, its repair from the last good tick to this one scheduled
     */
    boolean onGoodTick(CryptoTick tick, ExecutorService repairs) {
        Optional<SourceGap> closed = gaps.onGoodTick(tick);
        closed.ifPresent(gap -> {
            try {
                repairs.execute(() -> repairAndClose(gap));
            } catch (RejectedExecutionException e) {
                log.debug("{} {} recovered while closing; its gap is left unrepaired", exchange, gap.symbol());
            }
        });
        return closed.isPresent();
    }

    /** Fills a closed gap from the exchange's candles and reports it, repaired or with why it could not be. */
    private void repairAndClose(SourceGap gap) {
        Integer written = null;
        String error = null;
        if (gap.lastGoodTime() == null) {
            error = "no good tick before the gap since the worker started: nothing to repair from";
        } else {
            try {
                written = repair.repair(gap.symbol(), gap.lastGoodTime(), gap.recoveredAt());
            } catch (Exception e) {
                error = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        }
        SourceGap closed = new SourceGap(gap.v(), gap.exchange(), gap.symbol(), SourceGap.Status.CLOSED,
                gap.lastGoodTime(), gap.detectedAt(), gap.recoveredAt(), gap.staleAfter(), gap.lastFailure(),
                written, error, gap.asOf(), gap.silence(), gap.failedPolls());
        meters.gapsClosed.increment();
        if (error == null) {
            log.info("{} {} recovered; the gap from {} to {} was filled with {} candles on {}", exchange,
                    gap.symbol(), gap.lastGoodTime(), gap.recoveredAt(), written, Topics.CRYPTO_OHLC);
        } else {
            log.warn("{} {} recovered, but the gap from {} to {} could not be filled: {}", exchange,
                    gap.symbol(), gap.lastGoodTime(), gap.recoveredAt(), error);
        }
        sender.send(Topics.INGEST_GAPS, closed.key(), closed, closed.asOf(), meters.gaps());
    }
}
