package dev.rigwatch.bench.micro;

import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.streams.signal.rebound.ReboundRuleFacade;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The rebound rule's step on one 1-minute candle close, with the streams stage's 1-minute settings, over a series
 * that crashes and recovers every {@value #CYCLE} minutes: the state holds its full lookback most of the time, and
 * some closes confirm a rebound, so the signal's arithmetic is in the figure too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReboundRuleBenchmark {

    private static final int CYCLE = 300;
    private static final int CLOSES = 10 * CYCLE;
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Instant[] windowStarts = new Instant[CLOSES + 1];
    private final BigDecimal[] prices = new BigDecimal[CLOSES];
    private ReboundRuleFacade series;
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        Instant start = Instant.parse("2026-01-05T00:00:00Z");
        double price = 37_000;
        for (int i = 0; i < CLOSES; i++) {
            int minute = i % CYCLE;
            // 15 minutes down about 12 %, 10 at the bottom, 20 up about 10 %, then a quiet walk
            double drift = minute < 15 ? -0.0085 : minute < 25 ? 0 : minute < 45 ? 0.005 : 0;
            price *= 1 + drift + (random.nextDouble() - 0.5) * 0.002;
            prices[i] = BigDecimal.valueOf(price).setScale(2, RoundingMode.HALF_UP);
            windowStarts[i] = start.plus(MINUTE.multipliedBy(i));
        }
        windowStarts[CLOSES] = start.plus(MINUTE.multipliedBy(CLOSES));
        series = newSeries();
        int signals = 0;
        ReboundRuleFacade dryRun = newSeries();
        for (int i = 0; i < CLOSES; i++) {
            signals += dryRun.close(windowStarts[i], windowStarts[i + 1], prices[i]) == null ? 0 : 1;
        }
        if (signals == 0) {
            throw new IllegalStateException("the benchmark's series never confirms a rebound: it would leave the signal out");
        }
    }

    private static ReboundRuleFacade newSeries() {
        return new ReboundRuleFacade(ReboundSignal.CRYPTO, "coinbase:BTC-USD", ReboundSettings.MINUTE_DEFAULTS, MINUTE);
    }

    @Benchmark
    @ReportedAs("rebound: rule on one 1-minute close")
    public ReboundSignal close() {
        int i = next;
        ReboundSignal signal = series.close(windowStarts[i], windowStarts[i + 1], prices[i]);
        if (++next == CLOSES) {
            // the series' times start over, so must its state
            next = 0;
            series.restart();
        }
        return signal;
    }
}
