package dev.rigwatch.ops.reset;

import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.streams.StreamsSettings;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import dev.rigwatch.events.TopicNamespace;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.Topology;

/** rigwatch's streams applications, whose topics a reset can read off their topologies. */
public enum StreamsApplication {

    /** {@code rigwatch streams}: candles, prices, the listing lifecycle, GPU statistics, signals. */
    MARKET("streams", StreamsSettings.DEFAULT_APPLICATION_ID,
            () -> MarketTopology.build(StreamsSettings.defaults(), TopicNamespace.PRODUCTION, Clock.systemUTC())),
    /** {@code rigwatch alerts}: signals to alerts. */
    ALERTS("alerts", AlertsSettings.DEFAULT_APPLICATION_ID, () -> AlertTopology.build(TopicNamespace.PRODUCTION,
            Clock.systemUTC()));

    private final String stage;
    private final String defaultApplicationId;
    private final Supplier<Topology> topology;

    StreamsApplication(String stage, String defaultApplicationId, Supplier<Topology> topology) {
        this.stage = stage;
        this.defaultApplicationId = defaultApplicationId;
        this.topology = topology;
    }

    /** The stage's name, which names its state directory ({@code <state-dir>/<stage>-state}). */
    public String stage() {
        return stage;
    }

    public String defaultApplicationId() {
        return defaultApplicationId;
    }

    /**
     * The topics of the topology built with the default settings: settings change parameters, never which
     * topics are read.
     */
    public ApplicationTopics topics() {
        return ApplicationTopics.of(topology.get());
    }

    /** The application that runs under this id by default. */
    public static Optional<StreamsApplication> byDefaultApplicationId(String applicationId) {
        return Arrays.stream(values()).filter(a -> a.defaultApplicationId.equals(applicationId)).findFirst();
    }

    /** {@code market} or {@code alerts}. */
    public static StreamsApplication of(String name) {
        return Arrays.stream(values())
                .filter(a -> a.name().toLowerCase(Locale.ROOT).equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown application '" + name + "': market or alerts"));
    }
}
