package dev.rigwatch.app;

import dev.rigwatch.simulator.SimulatedClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --simulated-clock}: a stage that watches a standalone {@code rigwatch simulate} runs on the simulator's
 * compressed time, as the demo's stages do in one process. Without it, ingest would stamp ticks with the wall clock
 * and reject the simulator's exchange times (a day behind, running 60x) as stale, and streams would close the GPU
 * windows of yesterday's listings on today's clock.
 */
final class SimulatedClockOption {

    @Option(names = "--simulated-clock", paramLabel = "START,SPEED,SINCE", converter = Converter.class,
            description = "Run on a market simulator's time, as `rigwatch simulate` prints it: the simulated START, "
                    + "its SPEED and the real time SINCE when it runs. Only against the simulator: real markets run "
                    + "on the wall clock (the default).")
    SimulatedClock simulated;

    /** The stage's clock: the simulator's time when given, else the wall clock. */
    Clock clock() {
        return simulated == null ? Clock.systemUTC() : simulated.asClock();
    }

    /** The option's value for a running simulator's clock, as the converter reads it back. */
    static String valueOf(SimulatedClock clock) {
        if (clock.runningSince() == null) {
            throw new IllegalStateException("the simulated clock is held: it has no real start yet");
        }
        return clock.start() + "," + BigDecimal.valueOf(clock.speed()).stripTrailingZeros().toPlainString() + ","
                + clock.runningSince();
    }

    static final class Converter implements ITypeConverter<SimulatedClock> {

        @Override
        public SimulatedClock convert(String text) {
            String[] parts = text.split(",");
            if (parts.length != 3) {
                throw new TypeConversionException("'" + text + "' is not START,SPEED,SINCE as `rigwatch simulate` "
                        + "prints it, e.g. 2026-11-25T02:00:00Z,60,2026-11-26T02:19:43.273Z");
            }
            try {
                return SimulatedClock.runningSince(Clock.systemUTC(), Instant.parse(parts[0].strip()),
                        Double.parseDouble(parts[1].strip()), Instant.parse(parts[2].strip()));
            } catch (DateTimeParseException | IllegalArgumentException e) {
                throw new TypeConversionException("'" + text + "' is not START,SPEED,SINCE: " + e.getMessage());
            }
        }
    }
}
