package dev.rigwatch.ingest.exchange;

import dev.rigwatch.events.Candle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The candles asked for: every whole window of {@code interval} inside {@code [from, to)}, windows aligned to
 * the epoch as exchanges align them (minutes, hours, UTC days). Splits itself into the pages an endpoint allows
 * and selects, from what the pages returned, exactly the windows asked for.
 *
 * @param from     the earliest window start wanted; a window starting earlier is not wanted even if it overlaps
 * @param to       the end, exclusive: a window ending later is not wanted (so {@code to} at or before now means
 *                 closed windows only)
 * @param interval the window length, whole seconds
 */
public record CandleSpan(Instant from, Instant to, Duration interval) {

    public CandleSpan {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(interval, "interval");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("candles need from before to, were " + from + " and " + to);
        }
        if (interval.isNegative() || interval.isZero() || interval.getNano() != 0) {
            throw new IllegalArgumentException("candle interval must be a positive number of seconds, was " + interval);
        }
    }

    /** The first window's start: {@code from}, rounded up to the interval. */
    public Instant firstStart() {
        long seconds = interval.getSeconds();
        long fromSecond = from.getEpochSecond() + (from.getNano() > 0 ? 1 : 0);
        return Instant.ofEpochSecond(-Math.floorDiv(-fromSecond, seconds) * seconds);
    }

    /** How many whole windows the span holds. */
    public long windows() {
        Instant first = firstStart();
        return first.isBefore(to) ? Duration.between(first, to).getSeconds() / interval.getSeconds() : 0;
    }

    /** Consecutive spans of at most {@code maxWindows} windows each, together holding exactly this span's windows. */
    public List<CandleSpan> pages(int maxWindows) {
        List<CandleSpan> pages = new ArrayList<>();
        Instant start = firstStart();
        for (long left = windows(); left > 0; left -= maxWindows) {
            Instant end = start.plus(interval.multipliedBy(Math.min(left, maxWindows)));
            pages.add(new CandleSpan(start, end, interval));
            start = end;
        }
        return pages;
    }

    /**
     * The fetched candles this span asked for, oldest first, one per window: exchanges return windows outside
     * the range asked (their boundaries are inclusive, Kraken ignores it) and pages may overlap; of two candles
     * for one window the one fetched later wins, being the newer view of it.
     */
    public List<Candle> select(Collection<Candle> fetched) {
        TreeMap<Instant, Candle> byStart = new TreeMap<>();
        for (Candle candle : fetched) {
            if (!candle.windowStart().isBefore(from) && !candle.windowEnd().isAfter(to)) {
                byStart.put(candle.windowStart(), candle);
            }
        }
        return List.copyOf(byStart.values());
    }
}
