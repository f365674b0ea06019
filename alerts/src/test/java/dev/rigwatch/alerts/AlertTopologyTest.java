package dev.rigwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.StreamsStage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant CONFIRMED = Instant.parse("2026-11-24T13:45:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, ReboundSignal> signals;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void startDriver() {
        AlertsSettings settings = new AlertsSettings("alerts-test", stateDir, Duration.ofMillis(100));
        driver = new TopologyTestDriver(AlertTopology.build(Clock.fixed(NOW, ZoneOffset.UTC)),
                StreamsStage.properties("localhost:9", settings.applicationId(), settings.stateDir(), settings.commitInterval()));
        signals = driver.createInputTopic(Topics.SIGNALS_REBOUND.name(),
                Topics.SIGNALS_REBOUND.keySerde().serializer(), Topics.SIGNALS_REBOUND.valueSerde().serializer());
        alerts = driver.createOutputTopic(Topics.ALERTS.name(),
                Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void reboundSignalBecomesOneAlertForTheBroadcastSubscriberAtTheSignalsEventTime() {
        ReboundSignal signal = signal(27.5, 11.2);
        signals.pipeInput("coinbase:BTC-USD", signal, CONFIRMED);

        TestRecord<String, Alert> record = alerts.readRecord();
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(record.key()).isEqualTo("all");
        assertThat(record.timestamp()).isEqualTo(CONFIRMED.toEpochMilli());
        Alert alert = record.value();
        assertThat(alert.id()).isEqualTo("rebound:coinbase:BTC-USD:1m:2026-11-24T13:45:00Z");
        assertThat(alert.rule()).isEqualTo("rebound");
        assertThat(alert.subscriber()).isEqualTo("all");
        assertThat(alert.subject()).isEqualTo("coinbase:BTC-USD");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alert.eventTime()).isEqualTo(CONFIRMED);
        assertThat(alert.emittedTime()).isEqualTo(NOW);
        assertThat(alert.message()).isEqualTo(
                "coinbase:BTC-USD rebounded +11.2% from 44812.10 (after a 27.5% drawdown from 61820.00); now 49830.05, "
                        + "held over 2 1m closes; strength 0.78");
        assertThat(alert.trigger())
                .containsEntry("signal", "rebound")
                .containsEntry("troughTime", "2026-11-24T13:30:00Z")
                .containsEntry("drawdownThresholdPct", "10.0")
                .containsEntry("trough", "44812.1")
                .containsEntry("price", "49830.049")
                .containsEntry("interval", "PT1M")
                .containsEntry("confirmedWindowStart", "2026-11-24T13:44:00Z")
                .containsEntry("confirmations", "2")
                .containsEntry("strength", "0.78")
                .containsEntry("lookbackWindows", "90");
    }

    @Test
    void aDrawdownUnderTwiceTheThresholdIsAWarning() {
        signals.pipeInput("coinbase:ETH-USD", signal(12.0, 5.5), CONFIRMED);
        assertThat(alerts.readValue().severity()).isEqualTo(Alert.Severity.WARNING);
    }

    @Test
    void theSameSignalAlwaysYieldsTheSameAlertId() {
        signals.pipeInput("coinbase:BTC-USD", signal(27.5, 11.2), CONFIRMED);
        signals.pipeInput("coinbase:BTC-USD", signal(27.5, 11.2), CONFIRMED);
        assertThat(alerts.readValuesToList()).extracting(Alert::id).containsExactly(
                "rebound:coinbase:BTC-USD:1m:2026-11-24T13:45:00Z", "rebound:coinbase:BTC-USD:1m:2026-11-24T13:45:00Z");
    }

    @Test
    void gpuModelReboundAlertsNameTheModelAndItsHourlySeries() {
        ReboundSignal signal = new ReboundSignal(ReboundSignal.VERSION, "model:RTX 3080", ReboundSignal.GPU,
                Duration.ofHours(1), new BigDecimal("720.0"), Instant.parse("2026-11-24T02:00:00Z"),
                new BigDecimal("610.0"), Instant.parse("2026-11-24T04:00:00Z"), new BigDecimal("690.0"),
                Instant.parse("2026-11-24T09:00:00Z"), Instant.parse("2026-11-24T08:00:00Z"),
                Instant.parse("2026-11-24T09:00:00Z"), 15.2778, 13.1148, 3, 0.3339,
                new ReboundSignal.Thresholds(15, 10, 3, 168));
        signals.pipeInput(signal.subject(), signal, signal.confirmedAt());

        Alert alert = alerts.readValue();
        assertThat(alert.id()).isEqualTo("rebound:model:RTX 3080:1h:2026-11-24T09:00:00Z");
        assertThat(alert.subject()).isEqualTo("model:RTX 3080");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.message()).isEqualTo("model:RTX 3080 rebounded +13.1% from 610.00 (after a 15.3% drawdown "
                + "from 720.00); now 690.00, held over 3 1h closes; strength 0.33");
        assertThat(alert.trigger()).containsEntry("subjectType", "gpu").containsEntry("interval", "PT1H");
    }

    private static ReboundSignal signal(double drawdownPct, double recoveryPct) {
        return new ReboundSignal(ReboundSignal.VERSION, "coinbase:BTC-USD", ReboundSignal.CRYPTO, Duration.ofMinutes(1),
                new BigDecimal("61820.00"), Instant.parse("2026-11-24T13:05:00Z"), new BigDecimal("44812.1"),
                Instant.parse("2026-11-24T13:30:00Z"), new BigDecimal("49830.049"), CONFIRMED,
                CONFIRMED.minus(Duration.ofMinutes(1)), CONFIRMED, drawdownPct, recoveryPct, 2, 0.78,
                new ReboundSignal.Thresholds(10, 5, 2, 90));
    }
}
