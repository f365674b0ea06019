package dev.rigwatch.app;

import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The analytics parameters, shared by {@code streams} and {@code demo}. */
final class SignalOptions {

    @Option(names = "--candle-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "10s",
            description = "How late a tick may arrive after its candle's window end and still count.")
    Duration candleGrace;

    @Option(names = "--rebound-drawdown-pct", paramLabel = "D", defaultValue = "10",
            description = "Fall from the peak, in percent, that arms the rebound rule.")
    double drawdownPct;

    @Option(names = "--rebound-recovery-pct", paramLabel = "R", defaultValue = "5",
            description = "Rise from the trough, in percent, that fires it.")
    double recoveryPct;

    StreamsSettings settings(String applicationId, Path stateDir) {
        return StreamsSettings.defaults().withApplicationId(applicationId, stateDir).withCandleGrace(candleGrace)
                .withRebound(new ReboundConfig(drawdownPct, recoveryPct));
    }
}
