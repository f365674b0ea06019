package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.testing.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The must-show: {@code rigwatch ingest} polls what Kraken's own AssetPairs lists, not only what
 * instruments.csv holds; against a Kraken (MockWebServer) serving its real AssetPairs and Ticker bodies. */
class IngestCommandTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> KRAKEN = Map.of(
            "/0/public/AssetPairs", "kraken-assetpairs.json",
            "/0/public/Ticker?pair=XBTUSDT", "kraken-ticker-XBTUSDT.json");

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream err = captured.err;

    private final MockWebServer kraken = new MockWebServer();
    private final Queue<String> requested = new ConcurrentLinkedQueue<>();

    @TempDir
    Path dir;

    @BeforeEach
    void startKraken() throws IOException {
        kraken.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                requested.add(request.getTarget());
                String fixture = KRAKEN.get(request.getTarget());
                return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
                        .body(TestData.fixture(fixture == null ? "kraken-error-unknown-pair.json" : fixture)).build();
            }
        });
        kraken.start();
    }

    @AfterEach
    void stopKraken() {
        kraken.close();
    }

    @Test
    void krakensBtcUsdtIsPolledAsXbtusdtAndItsTicksReachTheTopicBesideAMisspeltSymbol() throws Exception {
        Instant started = Instant.now();
        try (ForkedRigwatch ingest = ForkedRigwatch.start(dir.resolve("ingest.log"), "ingest",
                "--exchanges", "kraken", "--kraken-symbols", "BTC-USDT,BTC-USTD", "--kraken-url", kraken.url("/").toString(),
                "--kraken-interval", "200ms", "--bootstrap-servers", SharedKafka.bootstrapServers(),
                "--metrics-port", "0")) {
            ingest.awaitOutput("ingest polling kraken [BTC-USDT]", WAIT);
            List<CryptoTick> ticks = SharedKafka.consume(Topics.CRYPTO_TICKS,
                            r -> r.key().equals("kraken:BTC-USDT") && !r.value().receivedTime().isBefore(started), 2, WAIT)
                    .stream().map(ConsumerRecord::value).toList();

            assertThat(ticks).hasSizeGreaterThanOrEqualTo(2).allSatisfy(tick -> {
                assertThat(tick.symbol()).isEqualTo("BTC-USDT");
                assertThat(tick.price()).isEqualByComparingTo(new BigDecimal("37431.2"));
            });
            // the misspelt symbol is named once with its close matches, and did not stop BTC-USDT
            assertThat(ingest.output()).containsOnlyOnce("kraken does not list BTC-USTD; close matches: BTC-USDT, BTC-USD");
        }
        assertThat(requested).first().isEqualTo("/0/public/AssetPairs");
        assertThat(requested).filteredOn(target -> target.startsWith("/0/public/Ticker"))
                .isNotEmpty().containsOnly("/0/public/Ticker?pair=XBTUSDT");
    }

    @Test
    void noRequestedSymbolListedExitsOneNamingCloseMatches() {
        int exit = Rigwatch.commandLine().execute("ingest", "--exchanges", "kraken", "--kraken-symbols", "BTC-USTD",
                "--kraken-url", kraken.url("/").toString(), "--bootstrap-servers", "127.0.0.1:1", "--metrics-port", "0");

        assertThat(exit).isEqualTo(1);
        assertThat(CapturedOutput.printed(err)).first().isEqualTo("rigwatch ingest: no requested symbol is listed: "
                + "kraken does not list BTC-USTD; close matches: BTC-USDT, BTC-USD");
        assertThat(requested).containsExactly("/0/public/AssetPairs");
    }
}
