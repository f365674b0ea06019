package dev.rigwatch.app;

import dev.rigwatch.simulator.PricePath;
import dev.rigwatch.simulator.SimulatedClock;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatedProduct;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import picocli.CommandLine.Option;

/** The simulated market's clock, shared by {@code simulate} and {@code demo}. */
final class SimulatorOptions {

    @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
            description = "Simulated seconds per real second (at 60 the hourly crash-and-rebound cycle takes a real minute).")
    double speed;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Simulated time at start, ISO-8601 (default: the top of the hour 24 h ago, so the cycle starts at its steady phase; "
                    + "it must be in the past: Kafka rejects record timestamps over an hour ahead of the broker).")
    Instant start;

    SimulatedMarket market(Clock real) {
        Instant from = start != null ? start
                : real.instant().minus(Duration.ofHours(24)).truncatedTo(ChronoUnit.HOURS);
        return new SimulatedMarket(new SimulatedClock(real, from, speed), new PricePath(SimulatedMarket.DEFAULT_SEED),
                SimulatedProduct.defaults());
    }
}
