package dev.rigwatch.app;

import dev.rigwatch.events.lifecycle.StartedParts;
import dev.rigwatch.streams.MarketTopology;
import dev.rigwatch.alerts.AlertTopology;
import dev.rigwatch.alerts.AlertsSettings;
import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.alerts.SubscriptionsTopic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.IngestStage;
import dev.rigwatch.simulator.SimulatedExchange;
import dev.rigwatch.simulator.WsFaultPlan;
import java.util.Locale;
import dev.rigwatch.simulator.FaultPlan;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatorServer;
import dev.rigwatch.streams.StreamsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * Every stage in one process against one cluster: simulator → ingest → streams → alerts. The demo and the
 * end-to-end test run exactly this. Stages start downstream first (so nothing waits on a consumer that is not
 * there yet) and stop in reverse: polling stops and ticks are flushed before the streams stages close.
 */
final class Pipeline implements AutoCloseable {

    private final StartedParts started = new StartedParts("pipeline");
    private SimulatorServer simulator;
    private IngestStage ingest;

    private Pipeline() {
    }

    /**
     * Starts every stage; if one fails to start, the ones already running are closed before the error is thrown.
     *
     * @param faults     what the simulator fails, for watching ingest cope ({@link FaultPlan#NONE} for nothing)
     * @param wsFaults   what the simulator's WebSocket feeds fail ({@link WsFaultPlan#NONE} for nothing)
     * @param transports how ingest reads each exchange: polled, or over the simulator's WebSocket
     */
    static Pipeline start(String bootstrap, SimulatedMarket market, int simulatorPort, FaultPlan faults,
                          WsFaultPlan wsFaults, Transports transports, IngestSettings ingestSettings, StreamsSettings streamsSettings, AlertsSettings alertsSettings,
                          MeterRegistry meters, Clock clock) {
        Pipeline pipeline = new Pipeline();
        try {
            new SubscriptionsTopic(bootstrap, TopicNamespace.PRODUCTION).publish(RulesFile.bundledDefaults(), clock.instant());
            pipeline.keep(AlertTopology.stage(bootstrap, alertsSettings, clock, meters)).start();
            pipeline.keep(MarketTopology.stage(bootstrap, streamsSettings, TopicNamespace.PRODUCTION, meters, market.clock().asClock())).start();
            SimulatorServer simulator = pipeline.keep(new SimulatorServer(market, SimulatorServer.LOOPBACK, simulatorPort)
                    .faults(faults).wsFaults(wsFaults).start());
            pipeline.simulator = simulator;
            pipeline.ingest = pipeline.keep(IngestStage.start(bootstrap, ingestSettings
                    .withBaseUrl(simulator.baseUrl())
                    .withTransports(transports::of, id -> simulator.wsUrl(SimulatedExchange.valueOf(id.toUpperCase(Locale.ROOT)))),
                    meters, market.clock().asClock()));
            return pipeline;
        } catch (RuntimeException e) {
            throw pipeline.started.closeAfter(e);
        }
    }

    private <T extends AutoCloseable> T keep(T stage) {
        return started.keep(stage);
    }

    SimulatorServer simulator() {
        return simulator;
    }

    IngestStage ingest() {
        return ingest;
    }

    @Override
    public void close() {
        started.close();
    }
}
