package dev.rigwatch.app;

import dev.rigwatch.simulator.EbayAuth;
import dev.rigwatch.simulator.SimulatedExchange;
import dev.rigwatch.simulator.SimulatedMarket;
import dev.rigwatch.simulator.SimulatorServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rigwatch simulate}: the market simulator alone, for pointing ingest or backfill at it. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        header = "Serve simulated exchange and GPU marketplace APIs on one base URL.",
        description = {"Serve the ticker and candle endpoints of Coinbase, Kraken, Binance and",
                "Bitstamp, each in its real format under its real path, all on one base URL,",
                "for BTC-USD and ETH-USD (BTC-USDT and ETH-USDT on Binance) on a scripted,",
                "time-compressed path: steady, a 28%% crash, a bottom, a 20%% rebound, every",
                "simulated hour. --faults fails requests the way exchanges do. The four",
                "exchanges' WebSocket market-data feeds run beside it on --ws-port, one path",
                "each; --ws-faults cuts, silences and spoils their messages."})
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080",
            description = "Port to listen on (0 picks a free port).")
    int port;

    @Option(names = "--ws-port", defaultValue = "8081",
            description = "Port of the WebSocket feeds (0 picks a free port).")
    int wsPort;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = SimulatorServer.LOOPBACK,
            description = "Address to bind (0.0.0.0 in a container).")
    String bind;

    @Mixin
    SimulatorOptions simulator;

    @Option(names = "--hold",
            description = "Hold the simulated clock at its start until the first request, so that the market's hour "
                    + "begins when the first stage watches it (in a compose stack the simulator is up long before the "
                    + "stages).")
    boolean hold;

    @Override
    public Integer call() {
        SimulatedMarket market = simulator.market(Clock.systemUTC());
        try (Shutdown shutdown = Shutdown.onSignal();
             SimulatorServer server = new SimulatorServer(market, bind, port).holdUntilRequested(hold)
                     .faults(simulator.faults).wsPort(wsPort).wsFaults(simulator.wsFaults).start()) {
            String url = server.baseUrl();
            System.out.println("Simulator serving " + market.productIds() + " at " + url
                    + (SimulatorServer.LOOPBACK.equals(bind) ? "" : " (bound to " + bind + ")")
                    + " as four exchanges, and a used-GPU market as eBay and r/hardwareswap; faults: " + simulator.faults);
            System.out.println("  coinbase  curl '" + url + "/products/BTC-USD/ticker'");
            System.out.println("  kraken    curl '" + url + "/0/public/Ticker?pair=XBTUSD'");
            System.out.println("  binance   curl '" + url + "/api/v3/ticker/24hr?symbol=BTCUSDT'");
            System.out.println("  bitstamp  curl '" + url + "/api/v2/ticker/btcusd/'");
            System.out.println("WebSocket feeds at " + server.wsBaseUrl() + "; faults: " + simulator.wsFaults);
            for (SimulatedExchange exchange : SimulatedExchange.values()) {
                System.out.printf("  %-9s %s%n", exchange.id(), server.wsUrl(exchange));
            }
            EbayAuth ebay = server.ebayAuth();
            System.out.println("  ebay      token: curl -u " + ebay.clientId() + ":" + ebay.clientSecret()
                    + " -d grant_type=client_credentials '" + url + "/identity/v1/oauth2/token'; then '" + url
                    + "/buy/browse/v1/item_summary/search?q=rtx+3090' with the bearer token");
            System.out.println("  reddit    curl -A 'rigwatch-demo/1.0' '" + url + "/r/hardwareswap/new.json?limit=5'");
            // a held clock has no real start to print yet: the stages read it from the server once it runs
            String simulatedClock = hold ? url : market.clock().describe();
            System.out.println("Ingest from it:   rigwatch ingest --coinbase-url " + url + " --kraken-url " + url
                    + " --binance-url " + url + " --bitstamp-url " + url + " --ebay-url " + url
                    + " --ebay-client-id " + ebay.clientId() + " --ebay-client-secret " + ebay.clientSecret()
                    + " --ebay-queries 'rtx 3090,rtx 4090,rx 6800 xt' --ebay-interval 10s --hardwareswap-url " + url
                    + " --hardwareswap-interval 10s --simulated-clock " + simulatedClock);
            System.out.println("  (over its WebSocket feeds: add --transport ws"
                    + Arrays.stream(SimulatedExchange.values())
                            .map(exchange -> " --" + exchange.id() + "-ws-url " + server.wsUrl(exchange))
                            .collect(Collectors.joining()) + ")");
            System.out.println("Streams for it:   rigwatch streams --simulated-clock " + simulatedClock
                    + "   (or export RIGWATCH_SIMULATED_CLOCK=" + simulatedClock + " for both)");
            // history up to the simulation's start is complete; later windows fill in as simulated time passes
            Instant start = market.clock().start();
            System.out.println("Backfill from it: rigwatch backfill --exchange kraken --symbol BTC-USD --from "
                    + start.minus(Duration.ofHours(3)) + " --to " + start + " --url " + url);
            System.out.println("Ctrl-C stops the simulator.");
            shutdown.await(null);
        }
        return 0;
    }
}
