package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.testing.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The must-show: ingest polls what Kraken's own AssetPairs lists, not only what instruments.csv holds. */
class IngestInstrumentsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final MockWebServer kraken = new MockWebServer();
    private final Queue<String> targets = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startKraken() throws Exception {
        String pairs = TestData.fixture("kraken-assetpairs.json");
        String ticker = TestData.fixture("kraken-ticker-XBTUSD.json").replace("\"XXBTZUSD\"", "\"XBTUSDT\"");
        kraken.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                targets.add(request.getTarget());
                String body = request.getTarget().startsWith("/0/public/AssetPairs") ? pairs
                        : request.getTarget().equals("/0/public/Ticker?pair=XBTUSDT") ? ticker
                        : "{\"error\":[\"EQuery:Unknown asset pair\"]}";
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body)
                        .build();
            }
        });
        kraken.start();
    }

    @AfterEach
    void stopKraken() {
        kraken.close();
    }

    @Test
    void krakensBtcUsdtIsPolledAsXbtusdtAndItsTicksReachCryptoTicks() throws Exception {
        Instant started = Instant.now();
        try (ForkedRigwatch ingest = ForkedRigwatch.start(dir.resolve("ingest.log"), "ingest",
                "--bootstrap-servers", SharedKafka.bootstrapServers(), "--exchanges", "kraken",
                "--kraken-url", kraken.url("/").toString(), "--kraken-symbols", "BTC-USDT,BTC-USTD",
                "--kraken-interval", "200ms")) {
            List<ConsumerRecord<String, CryptoTick>> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                    r -> r.key().equals("kraken:BTC-USDT") && !r.value().receivedTime().isBefore(started), 1, WAIT);

            assertThat(ticks).isNotEmpty().allSatisfy(r -> {
                assertThat(r.value().exchange()).isEqualTo("kraken");
                assertThat(r.value().symbol()).isEqualTo("BTC-USDT");
            });
            assertThat(targets).contains("/0/public/AssetPairs", "/0/public/Ticker?pair=XBTUSDT");
            // the misspelt symbol is named once with its close matches, and did not stop BTC-USDT
            assertThat(ingest.output()).containsOnlyOnce("kraken does not list BTC-USTD; close matches: BTC-USD, BTC-USDT")
                    .contains("ingest polling kraken [BTC-USDT]");
        }
    }

    @Test
    void whenNoRequestedSymbolIsListedIngestExitsNonZeroSayingWhy() throws Exception {
        try (ForkedRigwatch ingest = ForkedRigwatch.start(dir.resolve("ingest.log"), "ingest",
                "--bootstrap-servers", SharedKafka.bootstrapServers(), "--exchanges", "kraken",
                "--kraken-url", kraken.url("/").toString(), "--kraken-symbols", "BTC-USTD")) {
            assertThat(ingest.awaitExit(WAIT)).isEqualTo(1);
            assertThat(ingest.output())
                    .contains("rigwatch ingest: kraken does not list BTC-USTD; close matches: BTC-USD, BTC-USDT")
                    .doesNotContain("\tat ");
        }
    }
}
