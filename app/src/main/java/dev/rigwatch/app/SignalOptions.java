package dev.rigwatch.app;

import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The analytics parameters, shared by {@code streams} and {@code demo}. */
final class SignalOptions {

    @Option(names = "--candle-grace", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:RIGWATCH_CANDLE_GRACE:-10s}",
            description = "How late a tick may arrive after its candle's window end and still count (env RIGWATCH_CANDLE_GRACE; default ${DEFAULT-VALUE}).")
    Duration candleGrace;

    @Option(names = "--rebound-drawdown-pct", paramLabel = "D", defaultValue = "${env:RIGWATCH_REBOUND_DRAWDOWN_PCT:-10}",
            description = "Fall from the peak, in percent, that arms the rebound rule (env RIGWATCH_REBOUND_DRAWDOWN_PCT; default ${DEFAULT-VALUE}).")
    double drawdownPct;

    @Option(names = "--rebound-recovery-pct", paramLabel = "R", defaultValue = "${env:RIGWATCH_REBOUND_RECOVERY_PCT:-5}",
            description = "Rise from the trough, in percent, that fires it (env RIGWATCH_REBOUND_RECOVERY_PCT; default ${DEFAULT-VALUE}).")
    double recoveryPct;

    StreamsSettings settings(String applicationId, Path stateDir) {
        return new StreamsSettings(applicationId, stateDir, candleGrace, new ReboundConfig(drawdownPct, recoveryPct),
                StreamsSettings.DEFAULT_COMMIT_INTERVAL);
    }
}
