package dev.rigwatch.ingest.ws.kraken;

import static dev.rigwatch.ingest.ws.WsFixtures.assertJson;
import static dev.rigwatch.ingest.ws.WsFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
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
 * The fixtures {@code kraken-ws-*.json} follow Kraken's Spot WebSocket v2 docs (docs.kraken.com/exchange/
 * api-reference/spot-websocket-v2: ticker, trade, heartbeat, status, ping, subscribe): decimals as JSON numbers,
 * RFC 3339 times with microseconds, {@code BTC/USD} symbols, a {@code connection_id} too large for a long. The
 * values are made up around the REST fixture {@code kraken-ticker-XBTUSD.json}.
 */
class KrakenWsProtocolTest {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    private static final Instant RECEIVED = Instant.parse("2023-11-24T14:02:13Z");

    private final KrakenWsProtocol protocol = new KrakenWsProtocol(INSTRUMENTS);
    private final WsSession session = protocol.open(List.of("BTC-USD", "ETH-USD"));

    @Test
    void subscribesToTickerWithItsSnapshotAndToTradesWithout() {
        assertJson(session.subscribeMessages(),
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"ticker\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],"
                        + "\"snapshot\":true}}",
                "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\",\"ETH/USD\"],"
                        + "\"snapshot\":false}}");
    }

    @Test
    void pingsWithItsApplicationPingAndLivesByItsHeartbeats() {
        assertThat(session.pingMessage()).isEqualTo("{\"method\":\"ping\"}");
        assertThat(protocol.exchange()).isEqualTo("kraken");
        assertThat(protocol.defaultUri()).isEqualTo(URI.create("wss://ws.kraken.com/v2"));
        assertThat(protocol.silenceTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(protocol.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aTradeBeforeAnyTickerIsATickWithoutBidAndAsk() {
        List<FeedMessage> messages = session.read(frame("kraken-ws-trade-snapshot.json"), RECEIVED);

        assertThat(messages).containsExactly(
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "kraken", "ETH-USD",
                        new BigDecimal("2071.38"), null, null, null, "38912001",
                        Instant.parse("2023-11-24T14:01:58.120015Z"), RECEIVED, TimeSource.EXCHANGE)),
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "kraken", "ETH-USD",
                        new BigDecimal("2071.4"), null, null, null, "38912002",
                        Instant.parse("2023-11-24T14:02:03.867411Z"), RECEIVED, TimeSource.EXCHANGE)));
    }

    @Test
    void aTickerYieldsNoTickButItsBidAskAndVolumeGoOnTheNextTrades() {
        assertThat(session.read(frame("kraken-ws-ticker-snapshot.json"), RECEIVED)).isEmpty();

        List<FeedMessage> messages = session.read(frame("kraken-ws-trade-update.json"), RECEIVED);

        Instant at = Instant.parse("2023-11-24T14:02:12.503190Z");
        assertThat(messages).containsExactly(
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD",
                        new BigDecimal("37413.1"), new BigDecimal("37412.1"), new BigDecimal("37412.2"),
                        new BigDecimal("1843.55872310"), "65123456", at, RECEIVED, TimeSource.EXCHANGE)),
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD",
                        new BigDecimal("37413.20"), new BigDecimal("37412.1"), new BigDecimal("37412.2"),
                        new BigDecimal("1843.55872310"), "65123457", at, RECEIVED, TimeSource.EXCHANGE)));
        // JSON numbers are read from their text: the trailing zeros stay
        CryptoTick second = ((FeedMessage.Tick) messages.get(1)).tick();
        assertThat(second.price().scale()).isEqualTo(2);
        assertThat(second.volume24h().scale()).isEqualTo(8);
    }

    @Test
    void theLatestTickerWins() {
        session.read(frame("kraken-ws-ticker-snapshot.json"), RECEIVED);
        assertThat(session.read(frame("kraken-ws-ticker-update.json"), RECEIVED)).isEmpty();

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame("kraken-ws-trade-update.json"), RECEIVED).get(0))
                .tick();

        assertThat(tick.bid()).isEqualTo(new BigDecimal("37413.0"));
        assertThat(tick.ask()).isEqualTo(new BigDecimal("37413.1"));
        assertThat(tick.volume24h()).isEqualTo(new BigDecimal("1843.56122310"));
        // another symbol's ticker does not lend its bid and ask
        CryptoTick eth = ((FeedMessage.Tick) session.read(frame("kraken-ws-trade-snapshot.json"), RECEIVED).get(0))
                .tick();
        assertThat(eth.bid()).isNull();
    }

    @Test
    void aNewConnectionStartsWithoutTheOldTickers() {
        session.read(frame("kraken-ws-ticker-snapshot.json"), RECEIVED);

        WsSession next = protocol.open(List.of("BTC-USD"));

        CryptoTick tick = ((FeedMessage.Tick) next.read(frame("kraken-ws-trade-update.json"), RECEIVED).get(0)).tick();
        assertThat(tick.bid()).isNull();
    }

    @Test
    void heartbeatStatusAndPongSayTheFeedIsAlive() {
        assertThat(session.read(frame("kraken-ws-heartbeat.json"), RECEIVED))
                .containsExactly(new FeedMessage.Heartbeat(RECEIVED));
        assertThat(session.read(frame("kraken-ws-status.json"), RECEIVED))
                .containsExactly(new FeedMessage.Heartbeat(RECEIVED));
        assertThat(session.read(frame("kraken-ws-pong.json"), RECEIVED))
                .containsExactly(new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void aSystemStatusOtherThanOnlineIsAFeedError() {
        String maintenance = frame("kraken-ws-status.json").replace("\"online\"", "\"maintenance\"");

        assertThat(session.read(maintenance, RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null, "Kraken's system status is maintenance"));
    }

    @Test
    void aSubscribeAckIsSubscribedNamingChannelAndPair() {
        assertThat(session.read(frame("kraken-ws-subscribe-ack.json"), RECEIVED))
                .containsExactly(new FeedMessage.Subscribed("ticker BTC/USD"));
    }

    @Test
    void aRefusedSubscriptionIsAFeedErrorNamingTheRigwatchSymbol() {
        WsSession sol = protocol.open(List.of("SOL-USD"));

        assertThat(sol.read(frame("kraken-ws-subscribe-error.json"), RECEIVED)).containsExactly(
                new FeedMessage.FeedError("SOL-USD", "subscribe SOL/USD: Currency pair not supported"));
        // a pair that is not ours is named in the detail only
        assertThat(session.read(frame("kraken-ws-subscribe-error.json"), RECEIVED)).containsExactly(
                new FeedMessage.FeedError(null, "subscribe SOL/USD: Currency pair not supported"));
        String noSymbol = "{\"error\":\"Exceeded msg rate\",\"method\":\"subscribe\",\"success\":false}";
        assertThat(session.read(noSymbol, RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null, "subscribe: Exceeded msg rate"));
    }

    @Test
    void aTradeOfAPairNotSubscribedIsUnknown() {
        WsSession btcOnly = protocol.open(List.of("BTC-USD"));
        String frame = frame("kraken-ws-trade-snapshot.json");

        assertThat(btcOnly.read(frame, RECEIVED))
                .containsExactly(new FeedMessage.Unknown(frame), new FeedMessage.Unknown(frame));
        String ticker = frame("kraken-ws-ticker-snapshot.json").replace("BTC/USD", "DOGE/USD");
        assertThat(btcOnly.read(ticker, RECEIVED)).containsExactly(new FeedMessage.Unknown(ticker));
    }

    @Test
    void otherChannelsAndMethodsAreUnknown() {
        String book = "{\"channel\":\"book\",\"type\":\"snapshot\",\"data\":[]}";
        String unsubscribe = "{\"method\":\"unsubscribe\",\"result\":{\"channel\":\"ticker\",\"symbol\":\"BTC/USD\"},"
                + "\"success\":true}";
        String neither = "{\"event\":\"systemStatus\",\"status\":\"online\"}";

        assertThat(session.read(book, RECEIVED)).containsExactly(new FeedMessage.Unknown(book));
        assertThat(session.read(unsubscribe, RECEIVED)).containsExactly(new FeedMessage.Unknown(unsubscribe));
        assertThat(session.read(neither, RECEIVED)).containsExactly(new FeedMessage.Unknown(neither));
    }

    @Test
    void aBadTradeIsMalformedOnItsOwn() {
        String frame = frame("kraken-ws-trade-update.json").replace("\"trade_id\": 65123457,", "");

        List<FeedMessage> messages = session.read(frame, RECEIVED);

        assertThat(messages.get(0)).isInstanceOf(FeedMessage.Tick.class);
        assertThat(messages.get(1))
                .isEqualTo(new FeedMessage.Malformed(frame, "trade BTC/USD: field trade_id is missing"));
    }

    @Test
    void aNegativeVolumeInATickerIsMalformed() {
        String frame = frame("kraken-ws-ticker-snapshot.json").replace("1843.55872310", "-1");

        assertThat(session.read(frame, RECEIVED)).containsExactly(new FeedMessage.Malformed(frame,
                "ticker BTC/USD: volume '-1' is not a non-negative number"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":37413.1,",
            "heartbeat",
            "",
            "[\"heartbeat\"]",
            "42",
            // v1's array frames
            "[1234,{\"a\":[\"5525.40000\",1,\"1.000\"]},\"ticker\",\"XBT/USD\"]",
            // a price that is no number: text, NaN (not JSON), an object
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":\"abc\","
                    + "\"trade_id\":1,\"timestamp\":\"2023-11-24T14:02:12Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":NaN,"
                    + "\"trade_id\":1,\"timestamp\":\"2023-11-24T14:02:12Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":{\"v\":1},"
                    + "\"trade_id\":1,\"timestamp\":\"2023-11-24T14:02:12Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":1,"
                    + "\"trade_id\":\"one\",\"timestamp\":\"2023-11-24T14:02:12Z\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"price\":1,"
                    + "\"trade_id\":1,\"timestamp\":\"noon\"}]}",
            "{\"channel\":\"trade\",\"type\":\"update\",\"data\":{}}",
            "{\"channel\":\"trade\",\"type\":\"update\"}",
            "{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"bid\":\"high\"}]}",
            "{\"channel\":\"status\",\"type\":\"update\",\"data\":[{\"version\":\"2.0.0\"}]}",
            "{\"method\":\"subscribe\",\"success\":true}",
            "{\"method\":\"subscribe\",\"success\":\"maybe\"}",
    })
    void aDamagedFrameIsMalformedNeverAnException(String frame) {
        assertThat(session.read(frame, RECEIVED)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
    }

    @Test
    void aNegativePriceIsLeftToTheTickValidator() {
        String frame = frame("kraken-ws-trade-update.json").replace("37413.1,", "-37413.1,");

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame, RECEIVED).get(0)).tick();

        assertThat(tick.price()).isEqualTo(new BigDecimal("-37413.1"));
    }

    @Test
    void subscribesOnlySymbolsTheRegistryListsForKraken() {
        assertThat(KrakenWsProtocol.pair("BTC-USDT")).isEqualTo("BTC/USDT");
        assertThatThrownBy(() -> protocol.open(List.of("BTC-USDT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kraken does not list BTC-USDT");
    }
}
