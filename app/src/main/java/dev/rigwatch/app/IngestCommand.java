package dev.rigwatch.app;

import dev.rigwatch.api.metrics.MetricsServer;
import dev.rigwatch.events.metrics.ProcessMetrics;
import dev.rigwatch.ingest.ExchangeSettings;
import dev.rigwatch.ingest.ExchangeSettings.Transport;
import dev.rigwatch.ingest.IngestSettings;
import dev.rigwatch.ingest.IngestStage;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentCatalogue;
import dev.rigwatch.ingest.resilience.TickValidator;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rigwatch ingest}: the ingest stage alone. Each exchange has its own URL, symbols and interval options, whose
 * defaults are {@link ExchangeSettings#defaults}' (a test holds them equal).
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        header = "Run the ingest stage: poll exchange tickers and used-GPU listings into Kafka.",
        description = {"Run the ingest stage: poll the tickers of Coinbase, Kraken, Binance and",
                "Bitstamp (or stream their WebSocket feeds, --transport ws) into crypto.ticks,",
                "and used-GPU listings from eBay, r/hardwareswap and",
                "operator feeds into gpu.listings; what cannot become an event goes to",
                "ingest.rejects. Prints a progress line every --progress interval.",
                "Which symbols each exchange lists is read from its own instrument endpoint;",
                "a symbol it does not list is left out with its close matches, and when none",
                "of the requested symbols is listed the command exits 1."})
final class IngestCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--exchanges", paramLabel = "ID", split = ",", defaultValue = "coinbase,kraken,binance,bitstamp",
            description = "The exchanges to poll, each with the --<exchange>-url, -symbols and -interval options below; none for a listings-only worker.")
    List<String> exchanges;

    @Mixin
    ListingOptions listings;

    @Mixin
    SimulatedClockOption simulatedClock;

    @Mixin
    MetricsOptions.Ingest metrics;

    @Option(names = "--coinbase-url", paramLabel = "URL", defaultValue = Exchange.COINBASE_URL,
            description = "Coinbase Exchange's base URL: a proxy, or the simulator's.")
    String coinbaseUrl;

    @Option(names = "--coinbase-symbols", paramLabel = "SYMBOL", split = ",", defaultValue = "BTC-USD,ETH-USD",
            description = "Coinbase symbols to poll.")
    List<String> coinbaseSymbols;

    @Option(names = "--coinbase-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Pause between two polls of one Coinbase symbol (its public limit: about 10 requests/s per IP).")
    Duration coinbaseInterval;

    @Option(names = "--kraken-url", paramLabel = "URL", defaultValue = Exchange.KRAKEN_URL,
            description = "Kraken's base URL: a proxy, or the simulator's.")
    String krakenUrl;

    @Option(names = "--kraken-symbols", paramLabel = "SYMBOL", split = ",", defaultValue = "BTC-USD,ETH-USD",
            description = "Kraken symbols to poll: any pair Kraken's AssetPairs lists (read at start; the bundled instruments.csv when it cannot be read), e.g. BTC-USDT. An unlisted symbol is logged with close matches and skipped.")
    List<String> krakenSymbols;

    @Option(names = "--kraken-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "2s",
            description = "Pause between two polls of one Kraken symbol (its public limit: about 1 request/s).")
    Duration krakenInterval;

    @Option(names = "--binance-url", paramLabel = "URL", defaultValue = Exchange.BINANCE_URL,
            description = "Binance's base URL: a proxy, the simulator's, or https://api.binance.us for US users.")
    String binanceUrl;

    @Option(names = "--binance-symbols", paramLabel = "SYMBOL", split = ",", defaultValue = "BTC-USDT,ETH-USDT",
            description = "Binance symbols to poll (quoted in USDT, which is not USD).")
    List<String> binanceSymbols;

    @Option(names = "--binance-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Pause between two polls of one Binance symbol (its limit: 6000 request weight a minute, 2 per poll).")
    Duration binanceInterval;

    @Option(names = "--bitstamp-url", paramLabel = "URL", defaultValue = Exchange.BITSTAMP_URL,
            description = "Bitstamp's base URL: a proxy, or the simulator's.")
    String bitstampUrl;

    @Option(names = "--bitstamp-symbols", paramLabel = "SYMBOL", split = ",", defaultValue = "BTC-USD,ETH-USD",
            description = "Bitstamp symbols to poll.")
    List<String> bitstampSymbols;

    @Option(names = "--bitstamp-interval", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "1s",
            description = "Pause between two polls of one Bitstamp symbol (its limit: 8000 requests per 10 minutes).")
    Duration bitstampInterval;

    @Option(names = "--transport", paramLabel = "MODE", split = ",", defaultValue = "rest",
            description = "How ticks come (MODE rest or ws, or EXCHANGE=rest|ws): rest polls each exchange's ticker; ws subscribes to its WebSocket feed, "
                    + "whose outages are repaired from its REST candles. One value for every exchange, or per "
                    + "exchange, e.g. kraken=ws,coinbase=ws (the others stay rest).")
    List<String> transport;

    @Option(names = "--coinbase-ws-url", paramLabel = "URL",
            description = "Coinbase Advanced Trade's WebSocket (default: its public feed): a proxy, or the simulator's.")
    String coinbaseWsUrl;

    @Option(names = "--kraken-ws-url", paramLabel = "URL",
            description = "Kraken's v2 WebSocket (default: its public feed): a proxy, or the simulator's.")
    String krakenWsUrl;

    @Option(names = "--binance-ws-url", paramLabel = "URL",
            description = "Binance's WebSocket streams (default: its public feed): a proxy, or the simulator's.")
    String binanceWsUrl;

    @Option(names = "--bitstamp-ws-url", paramLabel = "URL",
            description = "Bitstamp's WebSocket (default: its public feed): a proxy, or the simulator's.")
    String bitstampWsUrl;

    @Option(names = "--progress", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "10s",
            description = "How often to print a progress line.")
    Duration progress;

    @Option(names = "--stale-after", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "60s",
            description = "A symbol without a valid answer for this long gets a gap on ingest.gaps, repaired from the exchange's candles when it answers again.")
    Duration staleAfter;

    @Option(names = "--max-price-jump", paramLabel = "FRACTION", defaultValue = "0.5",
            description = "Reject a tick whose price moved more than this fraction from the last good one (three agreeing ticks in a row set a new level).")
    double maxPriceJump;

    @Option(names = "--max-tick-age", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "5m",
            description = "Reject a tick whose exchange time is this much older than its receipt.")
    Duration maxTickAge;

    @Option(names = "--instruments-file", paramLabel = "FILE",
            description = "A CSV of instruments (exchange,symbol,request_id,response_id, as the bundled instruments.csv) applied on top of what each exchange's instrument endpoint lists.")
    Path instrumentsFile;

    @Option(names = "--instruments-refresh", paramLabel = "DURATION", converter = DurationConverter.class, defaultValue = "6h",
            description = "How often each exchange's instrument endpoint is read again (it is read at start; when it fails, the bundled snapshot is used).")
    Duration instrumentsRefresh;

    /** The exchanges of {@code --exchanges}, in its order, each with its own options. */
    IngestSettings settings() {
        TickValidator.Settings checks = TickValidator.Settings.defaults();
        return IngestSettings.defaults()
                .withListings(listings.settings())
                .withStaleAfter(staleAfter)
                .withInstruments(new InstrumentCatalogue.Settings(instrumentsFile, instrumentsRefresh))
                .withValidation(new TickValidator.Settings(maxPriceJump, checks.jumpConfirmations(), maxTickAge,
                        checks.maxClockSkew(), checks.maxPrice()))
                .withExchanges(exchanges.stream()
                        .map(id -> id.trim().toLowerCase(Locale.ROOT))
                        .filter(id -> !id.equals(ListingOptions.NONE))
                        .map(id -> options(Exchange.of(id)))
                        .toList());
    }

    /** Only the exchanges polled are read, so a mistake in another's options does not stop ingest. */
    private ExchangeSettings options(Exchange exchange) {
        ExchangeSettings polled = switch (exchange) {
            case COINBASE -> new ExchangeSettings(exchange.id(), coinbaseUrl, coinbaseSymbols, coinbaseInterval);
            case KRAKEN -> new ExchangeSettings(exchange.id(), krakenUrl, krakenSymbols, krakenInterval);
            case BINANCE -> new ExchangeSettings(exchange.id(), binanceUrl, binanceSymbols, binanceInterval);
            case BITSTAMP -> new ExchangeSettings(exchange.id(), bitstampUrl, bitstampSymbols, bitstampInterval);
        };
        String wsUrl = switch (exchange) {
            case COINBASE -> coinbaseWsUrl;
            case KRAKEN -> krakenWsUrl;
            case BINANCE -> binanceWsUrl;
            case BITSTAMP -> bitstampWsUrl;
        };
        return polled.withTransport(Transports.parse(transport).of(exchange.id()), wsUrl);
    }

    @Override
    public Integer call() {
        IngestSettings settings = settings();
        PrometheusMeterRegistry meters = ProcessMetrics.prometheus("ingest");
        try (MetricsServer metricsServer = metrics.serve(meters);
             Shutdown shutdown = Shutdown.onSignal();
             IngestStage stage = IngestStage.start(kafka.bootstrapServers, settings, meters, simulatedClock.clock())) {
            for (ExchangeSettings exchange : stage.polled()) {
                System.out.println(exchange.transport() == Transport.WS
                        ? "ingest streaming " + exchange.exchange() + " " + exchange.symbols() + " from "
                                + (exchange.wsUrl() == null ? "its public WebSocket" : exchange.wsUrl())
                                + ", outages repaired from " + exchange.baseUrl()
                        : "ingest polling " + exchange.exchange() + " " + exchange.symbols() + " at "
                                + exchange.baseUrl() + " every " + exchange.interval().toMillis() + " ms");
            }
            listings.describe(settings.listings()).forEach(System.out::println);
            System.out.println("into " + kafka.bootstrapServers + "; Ctrl-C stops it");
            while (!shutdown.await(progress)) {
                if (!stage.polled().isEmpty()) {
                    System.out.println("ingest: " + perExchange(meters, stage.polled()) + " | all: " + stage.stats());
                }
                stage.listingStats().forEach((source, stats) ->
                        System.out.println("listings " + source + ": " + ListingOptions.progress(stats)));
            }
            System.out.println("stopping ingest; flushing accepted ticks");
        } finally {
            meters.close();
        }
        return 0;
    }

    /**
     * {@code coinbase 120 ticks, 0 failed polls, kraken 900 ticks, 1 reconnects ...}, from the pollers' and feeds'
     * meters (tagged by source, and the transport's by exchange).
     */
    static String perExchange(MeterRegistry meters, List<ExchangeSettings> polled) {
        return polled.stream()
                .map(exchange -> {
                    String id = exchange.exchange();
                    return id + " " + count(meters, "ticks.produced", "source", id) + " ticks, "
                            + (exchange.transport() == Transport.WS
                            ? count(meters, "ws.reconnects", "exchange", id) + " reconnects"
                            : count(meters, "polls.failed", "source", id) + " failed polls");
                })
                .collect(Collectors.joining(", "));
    }

    /** The sum of the counters of this name and tag (polls.failed has one per reason); fails if there are none. */
    private static long count(MeterRegistry meters, String name, String tag, String value) {
        return Math.round(meters.get(name).tag(tag, value).meters().stream()
                .flatMap(meter -> StreamSupport.stream(meter.measure().spliterator(), false))
                .filter(measurement -> measurement.getStatistic() == Statistic.COUNT)
                .mapToDouble(Measurement::getValue)
                .sum());
    }
}
