package dev.rigwatch.ingest;

import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.ExchangeHttp;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * The ingest stage: one shared HTTP client, one idempotent producer and a poller per configured exchange. Closing
 * it stops polling first, then flushes every accepted tick to Kafka, then releases the HTTP client.
 */
public final class IngestStage implements AutoCloseable {

    private final OkHttpClient http;
    private final EventProducer producer;
    private final List<TickerPoller> pollers;

    private IngestStage(OkHttpClient http, EventProducer producer, List<TickerPoller> pollers) {
        this.http = http;
        this.producer = producer;
        this.pollers = pollers;
    }

    /**
     * Starts polling every configured exchange. A symbol the instrument registry does not list for its exchange
     * fails here, before anything is started, naming what the registry lists.
     *
     * @param receiptClock stamps each tick's {@code receivedTime}: the wall clock, except against a simulated market,
     *                     whose ticks must be observed in the market's own (compressed) time; polling is always paced
     *                     by the wall clock
     */
    public static IngestStage start(String bootstrapServers, IngestSettings settings, MeterRegistry registry,
                                    Clock receiptClock) {
        Clock wallClock = Clock.systemUTC();
        InstrumentRegistry instruments = InstrumentRegistry.load();
        for (ExchangeSettings exchange : settings.exchanges()) {
            instruments.requireListed(exchange.exchange(), exchange.symbols());
        }
        OkHttpClient http = new OkHttpClient();
        ExchangeHttp exchangeHttp = new ExchangeHttp(http, settings.connectTimeout(), settings.readTimeout(), receiptClock);
        EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-ingest");
        List<TickerPoller> pollers = settings.exchanges().stream()
                .map(exchange -> new TickerPoller(
                        Exchange.of(exchange.exchange()).adapter(exchangeHttp, exchange.baseUrl(), instruments),
                        exchange, settings.requestTimeout(), producer, registry, wallClock))
                .toList();
        // each poller logs what it polls, where and how often
        for (TickerPoller poller : pollers) {
            poller.start();
        }
        return new IngestStage(http, producer, pollers);
    }

    /** The counts of every exchange's poller together; per exchange, see the meters (tag {@code source}). */
    public TickerPoller.Stats stats() {
        return pollers.stream().map(TickerPoller::stats)
                .reduce(new TickerPoller.Stats(0, 0, 0, 0, 0, 0, 0), TickerPoller.Stats::plus);
    }

    @Override
    public void close() {
        for (TickerPoller poller : pollers) {
            poller.close();
        }
        producer.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
