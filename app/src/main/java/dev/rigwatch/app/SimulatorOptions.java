package dev.rigwatch.app;

import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.WsFaultPlan;
import java.time.Clock;
import java.time.Instant;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The simulated market's clock and faults, shared by {@code simulate} and {@code demo}. */
final class SimulatorOptions {

    @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
            description = "Simulated seconds per real second (at 60 the hourly crash-and-rebound cycle takes a real minute).")
    double speed;

    @Option(names = "--start", paramLabel = "INSTANT",
            description = "Simulated time at start, ISO-8601 (default: the top of the hour 24 h ago, so the cycle starts at its steady phase; "
                    + "it must be in the past: Kafka rejects record timestamps over an hour ahead of the broker).")
    Instant start;

    @Option(names = "--faults", paramLabel = "SPEC", converter = FaultPlanConverter.class, defaultValue = "none",
            description = "Fail this fraction of the simulator's ticker, candle, eBay and r/hardwareswap requests, in a seeded sequence that is the same every run: "
                    + "429 (rate limited, Retry-After 1 s; Kraken's error in a 200), 500 (an HTML error page), "
                    + "garbage (a 200 cut off halfway), slow (answered after delay, beyond the read timeout). "
                    + "E.g. 429=0.05,500=0.05,garbage=0.05,slow=0.02,delay=3s,seed=7; every key is optional.")
    FaultPlan faults;

    @Option(names = "--ws-faults", paramLabel = "SPEC", converter = WsFaultPlanConverter.class, defaultValue = "none",
            description = "Spoil this fraction of the simulator's WebSocket messages, in a seeded sequence per connection: "
                    + "drop (the connection cut, no close frame), silent (nothing more sent, the socket left open), "
                    + "malformed (a frame cut off halfway), reorder (a message sent after the next), "
                    + "skip (Coinbase's sequence_num skips one). "
                    + "E.g. drop=0.01,silent=0.005,malformed=0.01,reorder=0.01,skip=0.01,seed=7; every key is optional.")
    WsFaultPlan wsFaults;

    SimulatedMarket market(Clock real) {
        return start != null ? SimulatedMarket.held(real, start, speed) : SimulatedMarket.heldFromHourDayAgo(real, speed);
    }

    /** {@link WsFaultPlan#parse}, its message the whole error. */
    static final class WsFaultPlanConverter implements ITypeConverter<WsFaultPlan> {
        @Override
        public WsFaultPlan convert(String spec) {
            try {
                return WsFaultPlan.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@link FaultPlan#parse}, its message the whole error. */
    static final class FaultPlanConverter implements ITypeConverter<FaultPlan> {
        @Override
        public FaultPlan convert(String spec) {
            try {
                return FaultPlan.parse(spec);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
