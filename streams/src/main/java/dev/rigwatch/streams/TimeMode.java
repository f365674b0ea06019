package dev.rigwatch.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * What "now" is for what closes on time rather than on the next record: the GPU statistics' windows, the listing
 * lifecycle's GONE check, the market tightness index's quiet hours.
 */
public enum TimeMode {

    /**
     * The injected clock (the wall clock in production, the simulated one in the demo), read every
     * {@code checkEvery} of wall-clock time: a quiet key, or a quiet partition that stalls stream time, still closes.
     * Live operation.
     */
    WALL_CLOCK,

    /**
     * Stream time: the checks run as records move a task's stream time (the highest record timestamp it has seen)
     * and read that as now, so a replay or backtest over history at full speed closes what the live run closed, from
     * the records alone. The trade-off: nothing moves stream time but records, so a key that goes quiet closes only
     * when any record on its task moves stream time past its close, and the last windows of a history stay open until
     * a later record arrives.
     */
    STREAM_TIME;

    /**
     * Schedules {@code check} every {@code every}, given now: the injected clock's instant every {@code every} of
     * wall-clock time, or the task's stream time each time it has moved {@code every} on.
     */
    public void schedule(ProcessorContext<?, ?> context, Duration every, Clock clock, Consumer<Instant> check) {
        switch (this) {
            case WALL_CLOCK -> context.schedule(every, PunctuationType.WALL_CLOCK_TIME,
                    wallClockMs -> check.accept(clock.instant()));
            case STREAM_TIME -> context.schedule(every, PunctuationType.STREAM_TIME,
                    streamTimeMs -> check.accept(Instant.ofEpochMilli(streamTimeMs)));
        }
    }
}
