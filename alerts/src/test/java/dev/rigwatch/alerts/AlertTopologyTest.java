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
        assertThat(alert.id()).isEqualTo("rebound:coinbase:BTC-USD:2026-11-24T13:45:00Z");
        assertThat(alert.rule()).isEqualTo("rebound");
        assertThat(alert.subscriber()).isEqualTo("all");
        assertThat(alert.subject()).isEqualTo("coinbase:BTC-USD");
        assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(alert.eventTime()).isEqualTo(CONFIRMED);
        assertThat(alert.emittedTime()).isEqualTo(NOW);
        assertThat(alert.message()).isEqualTo(
                "coinbase:BTC-USD rebounded +11.2% from 44812.10 (after a 27.5% drawdown from 61820.00); now 49830.05");
        assertThat(alert.trigger())
                .containsEntry("signal", "rebound")
                .containsEntry("troughTime", "2026-11-24T13:30:00Z")
                .containsEntry("drawdownThresholdPct", "10.0")
                .containsEntry("trough", "44812.1")
                .containsEntry("price", "49830.049");
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
                "rebound:coinbase:BTC-USD:2026-11-24T13:45:00Z", "rebound:coinbase:BTC-USD:2026-11-24T13:45:00Z");
    }

    private static ReboundSignal signal(double drawdownPct, double recoveryPct) {
        return new ReboundSignal(ReboundSignal.VERSION, "coinbase:BTC-USD", new BigDecimal("61820.00"),
                Instant.parse("2026-11-24T13:05:00Z"), new BigDecimal("44812.1"), Instant.parse("2026-11-24T13:30:00Z"),
                new BigDecimal("49830.049"), CONFIRMED, drawdownPct, recoveryPct, 10.0, 5.0);
    }
}
