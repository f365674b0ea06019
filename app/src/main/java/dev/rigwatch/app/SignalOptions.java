package dev.rigwatch.app;

import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
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
            description = "Fall from the trailing peak, in percent, that arms the rebound rule on 1-minute closes (the 1-day and GPU series have their own defaults: see the README).")
    double drawdownPct;

    @Option(names = "--rebound-recovery-pct", paramLabel = "R", defaultValue = "5",
            description = "Rise from the trough, in percent, that fires it.")
    double recoveryPct;

    @Option(names = "--rebound-confirm-windows", paramLabel = "N", defaultValue = "2",
            description = "Consecutive 1-minute closes that must hold R % above the trough before the rule fires.")
    int confirmWindows;

    @Option(names = "--rebound-lookback-windows", paramLabel = "L", defaultValue = "90",
            description = "How many 1-minute windows back the trailing peak is looked for.")
    int lookbackWindows;

    StreamsSettings settings(String applicationId, Path stateDir) {
        return StreamsSettings.defaults().withApplicationId(applicationId, stateDir).withCandleGrace(candleGrace)
                .withRebound(ReboundSettings.defaults().withCrypto(Duration.ofMinutes(1),
                        new ReboundConfig(drawdownPct, recoveryPct, confirmWindows, lookbackWindows)));
    }
}
