package dev.rigwatch.app;

import dev.rigwatch.simulator.SimulatorServer;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch simulate}: the market simulator alone, for pointing ingest at it. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Serve the Coinbase Exchange ticker (GET /products/{id}/ticker) for BTC-USD and ETH-USD on a scripted,",
                "time-compressed path: steady, a 28% crash, a bottom, a 20% rebound, every simulated hour."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080",
            description = "Port to listen on (0 picks a free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = SimulatorServer.LOOPBACK,
            description = "Address to bind (0.0.0.0 in a container).")
    String bind;

    @Mixin
    SimulatorOptions simulator;

    @Override
    public Integer call() {
        try (Shutdown shutdown = Shutdown.onSignal();
             SimulatorServer server = new SimulatorServer(simulator.market(Clock.systemUTC()), bind, port).start()) {
            System.out.println("Simulator serving " + server.market().productIds() + " at " + server.baseUrl()
                    + (SimulatorServer.LOOPBACK.equals(bind) ? "" : " (bound to " + bind + ")"));
            System.out.println("Try: curl " + server.baseUrl() + "/products/BTC-USD/ticker");
            System.out.println("Ingest from it: rigwatch ingest --coinbase-url " + server.baseUrl() + "   (Ctrl-C stops the simulator)");
            shutdown.await(null);
        }
        return 0;
    }
}
