package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Listings read from a MockWebServer in the exchanges' formats, the snapshot when they fail, the override on top. */
class InstrumentCatalogueTest extends AdapterTestBase {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(InstrumentCatalogue.class);

    @TempDir
    Path dir;

    @BeforeEach
    void captureLog() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        logger.detachAppender(logged);
    }

    @Test
    void readsEachExchangesListingWithTheOverrideOnTop() throws Exception {
        server.enqueue(json(200, fixture("kraken-assetpairs.json")));
        server.enqueue(json(200, fixture("coinbase-products.json")));
        Path override = Files.writeString(dir.resolve("instruments.csv"), String.join("\n",
                "# a pair the listing does not have yet, and a renamed one",
                InstrumentRegistry.HEADER, "kraken,PEPE-USD,PEPEUSD,PEPEUSD", "coinbase,BTC-EUR,BTC-EURO,BTC-EURO"));

        try (InstrumentCatalogue catalogue = load(new InstrumentCatalogue.Settings(override, Duration.ofHours(6)),
                Exchange.KRAKEN, Exchange.COINBASE)) {
            assertThat(request().getTarget()).isEqualTo("/0/public/AssetPairs");
            assertThat(request().getTarget()).isEqualTo("/products");
            assertThat(catalogue.requestId("kraken", "BTC-USDT")).isEqualTo("XBTUSDT");
            assertThat(catalogue.symbolForResponse("kraken", "XBTUSDT")).contains("BTC-USDT");
            assertThat(catalogue.symbolForResponse("kraken", "XXBTZUSD")).contains("BTC-USD");
            assertThat(catalogue.requestId("kraken", "PEPE-USD")).isEqualTo("PEPEUSD");
            assertThat(catalogue.requestId("coinbase", "BTC-EUR")).isEqualTo("BTC-EURO");
            // only the exchanges read: no snapshot rows of the others
            assertThat(catalogue.current().symbols("binance")).isEmpty();
        }
        assertThat(logged.list).noneMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void aFailingListingFallsBackToTheSnapshotWithOneWarningAndACount() throws Exception {
        server.enqueue(json(503, "{\"error\":[\"EService:Unavailable\"]}"));

        try (InstrumentCatalogue catalogue = load(InstrumentCatalogue.Settings.defaults(), Exchange.KRAKEN)) {
            assertThat(catalogue.current().symbols("kraken")).containsExactly("BTC-USD", "ETH-USD", "SOL-USD");
            assertThat(catalogue.requestId("kraken", "BTC-USD")).isEqualTo("XBTUSD");

            // the refreshes fail too: counted, but not logged again; then one succeeds and adds what it lists
            server.enqueue(json(503, "{\"error\":[\"EService:Unavailable\"]}"));
            catalogue.refresh();
            server.enqueue(json(200, fixture("kraken-assetpairs.json")));
            catalogue.refresh();

            assertThat(catalogue.requestId("kraken", "BTC-USDT")).isEqualTo("XBTUSDT");
            assertThat(catalogue.current().symbols("kraken")).contains("SOL-USD", "DOGE-USD", "BTC-EUR");
        }
        assertThat(meters.get("instruments.listing.failed").tag("source", "kraken").tag("reason", "http-5xx")
                .counter().count()).isEqualTo(2);
        assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
                .extracting(ILoggingEvent::getFormattedMessage).asString()
                .startsWith("kraken instrument listing failed: http-5xx: HTTP 503")
                .endsWith("using the bundled snapshot instruments.csv until a refresh succeeds");
    }

    @Test
    void aBodyThatIsNotTheListingIsCountedAsMalformed() throws Exception {
        server.enqueue(json(200, "<html><body>Just a moment...</body></html>"));

        try (InstrumentCatalogue catalogue = load(InstrumentCatalogue.Settings.defaults(), Exchange.BITSTAMP)) {
            assertThat(catalogue.current().symbols("bitstamp")).containsExactly("BTC-USD", "ETH-USD", "SOL-USD");
        }
        assertThat(meters.get("instruments.listing.failed").tag("source", "bitstamp").tag("reason", "malformed-json")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void aMissingOrBrokenOverrideFileFailsNamingIt() throws IOException {
        Path missing = dir.resolve("nope.csv");
        assertThatThrownBy(() -> load(new InstrumentCatalogue.Settings(missing, Duration.ofHours(6)), Exchange.KRAKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read the instruments file " + missing + ": no such file");
        Path broken = Files.writeString(dir.resolve("broken.csv"), InstrumentRegistry.HEADER + "\nkraken,BTCUSD,XBTUSD,XBTUSD\n");
        assertThatThrownBy(() -> load(new InstrumentCatalogue.Settings(broken, Duration.ofHours(6)), Exchange.KRAKEN))
                .hasMessage(broken + " line 2: symbol must look like BTC-USD, was 'BTCUSD'");
        assertThat(server.getRequestCount()).as("nothing is asked before the file is read").isZero();
    }

    private InstrumentCatalogue load(InstrumentCatalogue.Settings settings, Exchange... exchanges) {
        List<InstrumentCatalogue.Source> sources = List.of(exchanges).stream()
                .map(e -> new InstrumentCatalogue.Source(e, baseUrl())).toList();
        return InstrumentCatalogue.load(http, sources, settings, meters);
    }
}
