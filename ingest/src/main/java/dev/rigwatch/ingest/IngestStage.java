package dev.rigwatch.ingest;

import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.backfill.Backfill;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeAdapter;
import dev.rigwatch.ingest.http.SourceHttpClient;
import dev.rigwatch.ingest.exchange.InstrumentCatalogue;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import dev.rigwatch.ingest.listing.ListingPoller;
import dev.rigwatch.ingest.listing.ListingSource;
import dev.rigwatch.ingest.listing.ebay.EbaySource;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSettings;
import dev.rigwatch.ingest.listing.feed.OperatorFeedSource;
import dev.rigwatch.ingest.listing.reddit.HardwareswapSource;
import dev.rigwatch.ingest.resilience.Backoff;
import dev.rigwatch.ingest.resilience.HostRateLimiter;
import dev.rigwatch.ingest.resilience.RateLimit;
import dev.rigwatch.ingest.resilience.TickValidator;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;

/**
 * The ingest stage: one shared HTTP client, one idempotent producer, a poller per configured exchange and one per
 * configured listing source. Closing it stops polling first, then flushes every accepted record to Kafka, then
 * releases the HTTP client.
 */
public final class IngestStage implements AutoCloseable {

    /**
     * The exchanges' hosts with their limits, and no throttling for a simulator on this machine: its four
     * "exchanges" share one loopback host, and it has no limit to respect.
     */
    private static final Map<String, RateLimit> RATE_LIMITS = withLoopback(HostRateLimiter.EXCHANGE_LIMITS);

    private final OkHttpClient http;
    private final InstrumentCatalogue instruments;
    private final List<ExchangeSettings> polled;
    private final EventProducer producer;
    private final List<TickerPoller> pollers;
    private final List<ListingPoller> listingPollers;

    private IngestStage(OkHttpClient http, InstrumentCatalogue instruments, List<ExchangeSettings> polled,
                        EventProducer producer, List<TickerPoller> pollers, List<ListingPoller> listingPollers) {
        this.http = http;
        this.instruments = instruments;
        this.polled = polled;
        this.producer = producer;
        this.pollers = pollers;
        this.listingPollers = listingPollers;
    }

    /**
     * Reads the polled exchanges' instrument listings ({@link InstrumentCatalogue}), then starts polling every
     * configured symbol they list. A symbol its exchange does not list is logged with its close matches and left
     * out; when no requested symbol is listed, the start fails with those messages, before anything is started.
     *
     * @param receiptClock stamps each tick's {@code receivedTime}: the wall clock, except against a simulated market,
     *                     whose ticks must be observed in the market's own (compressed) time; polling, rate limits,
     *                     the circuit breakers and staleness always run on the wall clock
     */
    public static IngestStage start(String bootstrapServers, IngestSettings settings, MeterRegistry registry,
                                    Clock receiptClock) {
        Clock wallClock = Clock.systemUTC();
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new HostRateLimiter(RATE_LIMITS, HostRateLimiter.OTHER_HOSTS, settings.requestTimeout(),
                        registry))
                .build();
        SourceHttpClient exchangeHttp = new SourceHttpClient(http, settings.connectTimeout(), settings.readTimeout(), receiptClock);
        InstrumentCatalogue instruments;
        List<ExchangeSettings> polled;
        try {
            instruments = InstrumentCatalogue.load(exchangeHttp, settings.exchanges().stream()
                    .map(e -> new InstrumentCatalogue.Source(Exchange.of(e.exchange()), e.baseUrl())).toList(),
                    settings.instruments(), registry);
            polled = UnlistedSymbols.listedOnly(settings.exchanges(), instruments.current(), registry);
        } catch (RuntimeException e) {
            release(http);
            throw e;
        }
        EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-ingest", registry);
        TickValidator validator = new TickValidator(settings.validation());
        List<TickerPoller> pollers = polled.stream()
                .map(exchange -> {
                    Exchange id = Exchange.of(exchange.exchange());
                    ExchangeAdapter adapter = id.adapter(exchangeHttp, exchange.baseUrl(), instruments);
                    TickerPoller.Guards guards = TickerPoller.Guards.forExchange(exchange, validator,
                            settings.staleAfter(), candlesToOhlc(id, exchange, adapter, producer, receiptClock),
                            registry, wallClock);
                    return new TickerPoller(adapter, exchange, settings.requestTimeout(), producer, guards, registry,
                            wallClock);
                })
                .toList();
        TitleNormaliser normaliser = TitleNormaliser.standard();
        List<ListingPoller> listingPollers = listingSources(settings.listings(), exchangeHttp, normaliser, receiptClock)
                .entrySet().stream()
                .map(source -> new ListingPoller(source.getKey(), source.getValue(), normaliser,
                        settings.listings().usdRates(), settings.listings().msrpFloor(), producer, registry, wallClock))
                .toList();
        // each poller logs what it polls, where and how often
        for (TickerPoller poller : pollers) {
            poller.start();
        }
        for (ListingPoller poller : listingPollers) {
            poller.start();
        }
        instruments.startRefreshing();
        return new IngestStage(http, instruments, polled, producer, pollers, listingPollers);
    }

    /** Each configured listing source with its polling interval. */
    private static Map<ListingSource, Duration> listingSources(ListingSettings settings, SourceHttpClient http,
                                                               TitleNormaliser normaliser, Clock receiptClock) {
        Map<ListingSource, Duration> sources = new LinkedHashMap<>();
        if (settings.ebay() != null) {
            sources.put(new EbaySource(http, settings.ebay(), receiptClock), settings.ebayInterval());
        }
        if (settings.hardwareswap() != null) {
            sources.put(new HardwareswapSource(http, settings.hardwareswap(), normaliser, receiptClock),
                    settings.hardwareswapInterval());
        }
        for (OperatorFeedSettings feed : settings.feeds()) {
            sources.put(new OperatorFeedSource(http, feed, receiptClock), settings.feedInterval());
        }
        return sources;
    }

    /**
     * Repairs a gap with the exchange's own 1-minute candles, from the window holding the last good tick to the
     * recovery, written to {@code crypto.ohlc} by a {@link Backfill}. One attempt per request: the repair runs on the
     * poller's repair thread, and a failure is reported on the gap rather than retried for long.
     */
    private static TickerPoller.GapRepair candlesToOhlc(Exchange exchange, ExchangeSettings settings,
                                                       ExchangeAdapter adapter, EventProducer producer, Clock clock) {
        Backfill backfill = new Backfill(adapter, producer, clock, new Backfill.Settings(exchange.candlesPerRequest(), 1,
                Backoff.Settings.forInterval(settings.interval())));
        return (symbol, from, to) -> {
            Instant start = from.truncatedTo(ChronoUnit.MINUTES);
            if (!start.isBefore(to)) {
                return 0;
            }
            Backfill.Request request = new Backfill.Request(symbol, start, to, Duration.ofMinutes(1),
                    Backfill.Target.CANDLES);
            return Math.toIntExact(backfill.run(request, progress -> { }).candlesWritten());
        };
    }

    /** The exchanges polled, each with the symbols it lists (those it does not were left out at start). */
    public List<ExchangeSettings> polled() {
        return polled;
    }

    /** Each listing source's counts, by source id. */
    public Map<String, ListingPoller.Stats> listingStats() {
        Map<String, ListingPoller.Stats> stats = new LinkedHashMap<>();
        listingPollers.forEach(poller -> stats.put(poller.sourceId(), poller.stats()));
        return stats;
    }

    /** The counts of every exchange's poller together; per exchange, see the meters (tag {@code source}). */
    public TickerPoller.Stats stats() {
        return pollers.stream().map(TickerPoller::stats)
                .reduce(TickerPoller.Stats.ZERO, TickerPoller.Stats::plus);
    }

    private static Map<String, RateLimit> withLoopback(Map<String, RateLimit> limits) {
        Map<String, RateLimit> all = new HashMap<>(limits);
        RateLimit unthrottled = RateLimit.perSecond(1_000);
        all.put("127.0.0.1", unthrottled);
        all.put("localhost", unthrottled);
        return Map.copyOf(all);
    }

    @Override
    public void close() {
        for (TickerPoller poller : pollers) {
            poller.close();
        }
        for (ListingPoller poller : listingPollers) {
            poller.close();
        }
        instruments.close();
        producer.close();
        release(http);
    }

    private static void release(OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
