package dev.rigwatch.alerts;

import dev.rigwatch.events.Alert;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.StreamsStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Signals in, alerts out: re-keys each alert by its subscriber so one partition holds one trader's alerts in order. */
public final class AlertTopology {

    private AlertTopology() {
    }

    /** The alerts stage: this topology under the same exactly-once runtime as every streams stage. */
    public static StreamsStage stage(String bootstrapServers, AlertsSettings settings, Clock clock, MeterRegistry meters) {
        return new StreamsStage(bootstrapServers, settings.applicationId(), settings.stateDir(), settings.commitInterval(),
                build(clock), meters);
    }

    public static Topology build(Clock clock) {
        Topic<String, ReboundSignal> signals = Topics.SIGNALS_REBOUND;
        Topic<String, Alert> alerts = Topics.ALERTS;
        ReboundAlerts rule = new ReboundAlerts(clock);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(signals.name(), Consumed.with(signals.keySerde(), signals.valueSerde()).withName("rebound-signals"))
                .map((subject, signal) -> {
                    Alert alert = rule.toAlert(signal);
                    return KeyValue.pair(alert.subscriber(), alert);
                }, Named.as("rebound-to-alert"))
                .to(alerts.name(), Produced.with(alerts.keySerde(), alerts.valueSerde()).withName("alerts-sink"));
        return builder.build();
    }
}
