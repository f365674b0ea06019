package dev.rigwatch.ops.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.streams.StreamsSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BacktestResultsTest {

    @Test
    void theParametersNameTheRangeEveryReboundSeriesAndTheSubscriptions() {
        Backtest.Request request = new Backtest.Request(Instant.parse("2021-10-01T00:00:00Z"),
                Instant.parse("2024-01-01T00:00:00Z"), StreamsSettings.defaults(), RulesFile.bundledDefaults(), false,
                Path.of("state"));

        Map<String, String> parameters = BacktestResults.parameters(request);

        assertThat(parameters).containsEntry("range", "2021-10-01 to 2024-01-01")
                .containsKeys("rebound GPU 1h", "rebound GPU 1d", "rebound GPU sold 1mo")
                .containsEntry("subscriptions", RulesFile.bundledDefaults().stream().map(Subscription::key)
                        .collect(Collectors.joining(", ")));
        assertThat(parameters.keySet()).anyMatch(name -> name.startsWith("rebound crypto "));
    }
}
