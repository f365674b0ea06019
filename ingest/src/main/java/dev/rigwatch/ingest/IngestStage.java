package dev.rigwatch.ingest;

import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ingest.coinbase.CoinbaseTickerClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: one shared HTTP client, one idempotent producer and the exchange pollers. Closing it stops
 * polling first, then flushes every accepted tick to Kafka, then releases the HTTP client.
 */
public final class IngestStage implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IngestStage.class);

    private final OkHttpClient http;
    private final EventProducer producer;
    private final TickerPoller coinbase;

    private IngestStage(OkHttpClient http, EventProducer producer, TickerPoller coinbase) {
        this.http = http;
        this.producer = producer;
        this.coinbase = coinbase;
    }

    public static IngestStage start(String bootstrapServers, IngestSettings settings, MeterRegistry registry, Clock clock) {
        OkHttpClient http = new OkHttpClient();
        EventProducer producer = new EventProducer(bootstrapServers, "rigwatch-ingest");
        TickerPoller coinbase = new TickerPoller(new CoinbaseTickerClient(http, settings, clock), settings, producer,
                registry, clock);
        coinbase.start();
        log.info("Ingest polling {} at {} every {}", settings.products(), settings.baseUrl(), settings.interval());
        return new IngestStage(http, producer, coinbase);
    }

    public TickerPoller.Stats stats() {
        return coinbase.stats();
    }

    @Override
    public void close() {
        coinbase.close();
        producer.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
