package dev.rigwatch.ingest.ws.binance;

import static dev.rigwatch.ingest.ws.WsFixtures.assertJson;
import static dev.rigwatch.ingest.ws.WsFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import dev.rigwatch.ingest.resilience.TickValidator;
import dev.rigwatch.ingest.resilience.TickVerdict;
import dev.rigwatch.ingest.ws.FeedMessage;
import dev.rigwatch.ingest.ws.WsSession;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures {@code binance-ws-*.json} follow Binance's "WebSocket Streams for Binance" (developers.binance.com
 * spot docs, and github.com/binance/binance-spot-api-docs web-socket-streams.md): the trade stream's and the
 * individual symbol book ticker stream's payloads (string decimals, millisecond times, the trade event without
 * the buyer and seller order ids removed in 2023), the live-subscribing answer {@code {"result":null,"id":1}},
 * an error message of its "Error Messages" table in the {@code {"error":{...},"id":...}} envelope the server sends,
 * and the {@code serverShutdown} event. Values made up around the REST fixture {@code binance-ticker24hr-BTCUSDT.json}.
 */
class BinanceWsProtocolTest {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    private static final Instant RECEIVED = Instant.parse("2023-11-24T14:02:13Z");
    private static final Instant TRADE_TIME = Instant.ofEpochMilli(1700834532136L);

    private final BinanceWsProtocol protocol = new BinanceWsProtocol(INSTRUMENTS);
    private final WsSession session = protocol.open(List.of("BTC-USDT", "ETH-USDT"));

    @Test
    void subscribesToEachSymbolsBookTickerAndTradesInOneRequest() {
        assertJson(session.subscribeMessages(), "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\","
                + "\"btcusdt@trade\",\"ethusdt@bookTicker\",\"ethusdt@trade\"],\"id\":1}");
        assertJson(protocol.open(List.of("BTC-USDT")).subscribeMessages(),
                "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"btcusdt@trade\"],\"id\":1}");
    }

    @Test
    void leavesPingsToTheProtocolLevel() {
        assertThat(session.pingMessage()).isNull();
        assertThat(protocol.exchange()).isEqualTo("binance");
        assertThat(protocol.defaultUri()).isEqualTo(URI.create("wss://stream.binance.com:9443/ws"));
        assertThat(protocol.silenceTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(protocol.pingInterval()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aTradeBeforeAnyBookTickerIsATickWithoutBidAndAsk() {
        assertThat(session.read(frame("binance-ws-trade.json"), RECEIVED)).containsExactly(
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "binance", "BTC-USDT",
                        new BigDecimal("37420.01000000"), null, null, null, "3291745634", TRADE_TIME, RECEIVED,
                        TimeSource.EXCHANGE)));
    }

    @Test
    void aBookTickerYieldsNoTickButItsBidAndAskGoOnTheNextTrades() {
        assertThat(session.read(frame("binance-ws-bookticker.json"), RECEIVED)).isEmpty();

        List<FeedMessage> messages = session.read(frame("binance-ws-trade.json"), RECEIVED);

        assertThat(messages).containsExactly(new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "binance",
                "BTC-USDT", new BigDecimal("37420.01000000"), new BigDecimal("37420.00000000"),
                new BigDecimal("37420.01000000"), null, "3291745634", TRADE_TIME, RECEIVED, TimeSource.EXCHANGE)));
        CryptoTick tick = ((FeedMessage.Tick) messages.get(0)).tick();
        assertThat(tick.price().scale()).isEqualTo(8);
        assertThat(tick.eventTime()).isEqualTo("2023-11-24T14:02:12.136Z");
        assertThat(new TickValidator(TickValidator.Settings.defaults()).validate(tick))
                .isInstanceOf(TickVerdict.Valid.class);
    }

    @Test
    void theLatestBookTickerOfTheTradesOwnSymbolWins() {
        session.read(frame("binance-ws-bookticker.json"), RECEIVED);
        session.read(frame("binance-ws-bookticker.json").replace("\"37420.00000000\"", "\"37419.50000000\"")
                .replace("\"37420.01000000\"", "\"37419.51000000\""), RECEIVED);
        session.read(frame("binance-ws-bookticker.json").replace("BTCUSDT", "ETHUSDT")
                .replace("\"37420.00000000\"", "\"2071.39000000\""), RECEIVED);

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame("binance-ws-trade.json"), RECEIVED).get(0)).tick();

        assertThat(tick.bid()).isEqualTo(new BigDecimal("37419.50000000"));
        assertThat(tick.ask()).isEqualTo(new BigDecimal("37419.51000000"));
    }

    @Test
    void aNewConnectionStartsWithoutTheOldBookTickers() {
        session.read(frame("binance-ws-bookticker.json"), RECEIVED);

        WsSession next = protocol.open(List.of("BTC-USDT"));

        assertThat(((FeedMessage.Tick) next.read(frame("binance-ws-trade.json"), RECEIVED).get(0)).tick().bid())
                .isNull();
    }

    @Test
    void theSubscribeResultIsSubscribedNamingTheStreams() {
        assertThat(session.read(frame("binance-ws-subscribe-result.json"), RECEIVED)).containsExactly(
                new FeedMessage.Subscribed("btcusdt@bookTicker, btcusdt@trade, ethusdt@bookTicker, ethusdt@trade"));
        // the answer to a request of another id (a LIST_SUBSCRIPTIONS) is not ours to read
        String other = "{\"result\":[\"btcusdt@trade\"],\"id\":7}";
        assertThat(session.read(other, RECEIVED)).containsExactly(new FeedMessage.Unknown(other));
    }

    @Test
    void anErrorIsAFeedErrorWithBinancesCodeAndMessage() {
        assertThat(session.read(frame("binance-ws-error.json"), RECEIVED)).containsExactly(
                new FeedMessage.FeedError(null, "Binance error 2: Invalid request: too many parameters"));
        // the shape of the docs' table, and an error to a request Binance could not read the id of
        assertThat(session.read("{\"code\":3,\"msg\":\"Invalid JSON: expected value at line 1 column 1\"}", RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null,
                        "Binance error 3: Invalid JSON: expected value at line 1 column 1"));
        assertThat(session.read("{\"error\":{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned "
                + "integer\"},\"id\":null}", RECEIVED)).containsExactly(new FeedMessage.FeedError(null,
                "Binance error 2: Invalid request: request ID must be an unsigned integer"));
    }

    @Test
    void aServerShutdownAsksForAReconnect() {
        assertThat(session.read(frame("binance-ws-server-shutdown.json"), RECEIVED))
                .containsExactly(new FeedMessage.Reconnect("Binance serverShutdown"));
    }

    @Test
    void eventsOfSymbolsNotSubscribedAndOtherEventsAreUnknown() {
        WsSession ethOnly = protocol.open(List.of("ETH-USDT"));
        String trade = frame("binance-ws-trade.json");
        String bookTicker = frame("binance-ws-bookticker.json");
        String unlisted = trade.replace("BTCUSDT", "BNBBTC");
        String aggTrade = "{\"e\":\"aggTrade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"1\"}";
        String combined = "{\"stream\":\"btcusdt@trade\",\"data\":" + trade + "}";

        assertThat(ethOnly.read(trade, RECEIVED)).containsExactly(new FeedMessage.Unknown(trade));
        assertThat(ethOnly.read(bookTicker, RECEIVED)).containsExactly(new FeedMessage.Unknown(bookTicker));
        assertThat(session.read(unlisted, RECEIVED)).containsExactly(new FeedMessage.Unknown(unlisted));
        assertThat(session.read(aggTrade, RECEIVED)).containsExactly(new FeedMessage.Unknown(aggTrade));
        assertThat(session.read(combined, RECEIVED)).containsExactly(new FeedMessage.Unknown(combined));
    }

    @Test
    void aNegativePriceIsATickTheValidatorRejects() {
        String frame = frame("binance-ws-trade.json").replace("\"37420.01000000\"", "\"-37420.01\"");

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame, RECEIVED).get(0)).tick();

        assertThat(new TickValidator(TickValidator.Settings.defaults()).validate(tick))
                .isEqualTo(new TickVerdict.Invalid(TickVerdict.Reason.INVALID_PRICE,
                        "price -37420.01 is not positive"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":3291745634,\"p\":\"37420.0",
            "ping",
            "",
            "[]",
            "true",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"NaN\",\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"abc\",\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":1,\"p\":[1],\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":1,\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":\"late\"}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"t\":\"x1\",\"p\":\"1\",\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"s\":\"BTCUSDT\",\"p\":\"1\",\"q\":\"1\",\"T\":1}",
            "{\"e\":\"trade\",\"E\":1700834532137,\"t\":1,\"p\":\"1\",\"q\":\"1\",\"T\":1}",
            "{\"e\":7}",
            "{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"bid\",\"B\":\"1\",\"a\":\"1\",\"A\":\"1\"}",
            "{\"u\":1,\"s\":\"BTCUSDT\",\"b\":null,\"B\":\"1\",\"a\":\"1\",\"A\":\"1\"}",
            "{\"result\":null,\"id\":\"one\"}",
            "{\"error\":\"bad\",\"id\":1}",
    })
    void aDamagedFrameIsMalformedNeverAnException(String frame) {
        assertThat(session.read(frame, RECEIVED)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
    }

    @Test
    void streamNamesComeFromTheRegistry() {
        assertThatThrownBy(() -> protocol.open(List.of("BTC-USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("binance does not list BTC-USD");
    }
}
