package dev.rigwatch.ingest.ws.bitstamp;

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
 * The fixtures {@code bitstamp-ws-*.json} follow Bitstamp's "WebSocket API v2" page (www.bitstamp.net/websocket/v2:
 * subscriptions, the live trades channel's fields, heartbeat, forced reconnection): the price and amount both as
 * numbers and as strings, times as strings of epoch seconds and microseconds. Values made up around the REST
 * fixture {@code bitstamp-ticker-btcusd.json}.
 */
class BitstampWsProtocolTest {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    private static final Instant RECEIVED = Instant.parse("2023-11-24T14:02:13Z");

    private final BitstampWsProtocol protocol = new BitstampWsProtocol(INSTRUMENTS);
    private final WsSession session = protocol.open(List.of("BTC-USD", "ETH-USD"));

    @Test
    void subscribesToEachPairsLiveTradesInItsOwnMessage() {
        assertJson(session.subscribeMessages(),
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_btcusd\"}}",
                "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_ethusd\"}}");
    }

    @Test
    void sendsItsOwnHeartbeatsAndLivesByTheirAnswers() {
        assertThat(session.pingMessage()).isEqualTo("{\"event\":\"bts:heartbeat\"}");
        assertThat(protocol.exchange()).isEqualTo("bitstamp");
        assertThat(protocol.defaultUri()).isEqualTo(URI.create("wss://ws.bitstamp.net"));
        assertThat(protocol.pingInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(protocol.silenceTimeout()).isEqualTo(Duration.ofSeconds(30));
        // Bitstamp sends nothing unasked: only answered heartbeats fill a quiet market's silence
        assertThat(protocol.pingInterval().multipliedBy(3)).isLessThanOrEqualTo(protocol.silenceTimeout());
        assertThat(session.read(frame("bitstamp-ws-heartbeat.json"), RECEIVED))
                .containsExactly(new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void aTradeIsATickAtItsMicrosecondWithItsExactPriceAndId() {
        List<FeedMessage> messages = session.read(frame("bitstamp-ws-trade.json"), RECEIVED);

        Instant at = Instant.parse("2023-11-24T14:02:12.136814Z");
        assertThat(messages).containsExactly(new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "bitstamp",
                "BTC-USD", new BigDecimal("37418"), null, null, null, "311468265", at, RECEIVED,
                TimeSource.EXCHANGE)));
        assertThat(((FeedMessage.Tick) messages.get(0)).tick().tradeIdentity()).isEqualTo("id 311468265");
    }

    @Test
    void theExactPriceStringWinsOverTheNumber() {
        String frame = frame("bitstamp-ws-trade.json")
                .replace("\"price_str\": \"37418\"", "\"price_str\": \"37418.00\"");

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame, RECEIVED).get(0)).tick();

        assertThat(tick.price()).isEqualTo(new BigDecimal("37418.00"));
    }

    @Test
    void withoutItsStringsATradeFallsBackToTheNumberAndTheWholeSecond() {
        String frame = frame("bitstamp-ws-trade.json").replace("\"price_str\": \"37418\",", "")
                .replace("\"microtimestamp\": \"1700834532136814\",", "")
                .replace("\"price\": 37418,", "\"price\": 37418.5,");

        CryptoTick tick = ((FeedMessage.Tick) session.read(frame, RECEIVED).get(0)).tick();

        assertThat(tick.price()).isEqualTo(new BigDecimal("37418.5"));
        assertThat(tick.exchangeTime()).isEqualTo(Instant.ofEpochSecond(1700834532));
    }

    @Test
    void aSubscriptionSucceededIsSubscribedNamingTheChannel() {
        assertThat(session.read(frame("bitstamp-ws-subscription-succeeded.json"), RECEIVED))
                .containsExactly(new FeedMessage.Subscribed("live_trades_btcusd"));
    }

    @Test
    void anErrorIsAFeedErrorNamingTheSymbolWhenItsChannelIsOurs() {
        assertThat(session.read(frame("bitstamp-ws-error.json"), RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null, "Bad subscription string."));
        String ours = frame("bitstamp-ws-error.json")
                .replace("\"channel\": \"\"", "\"channel\": \"live_trades_ethusd\"")
                .replace("\"code\": null", "\"code\": 3");
        assertThat(session.read(ours, RECEIVED))
                .containsExactly(new FeedMessage.FeedError("ETH-USD", "code 3: Bad subscription string."));
    }

    @Test
    void aRequestToReconnectIsAReconnect() {
        assertThat(session.read(frame("bitstamp-ws-request-reconnect.json"), RECEIVED))
                .containsExactly(new FeedMessage.Reconnect("Bitstamp bts:request_reconnect"));
    }

    @Test
    void aTradeOnAChannelNotSubscribedAndOtherEventsAreUnknown() {
        String sol = frame("bitstamp-ws-trade.json").replace("live_trades_btcusd", "live_trades_solusd");
        String order = "{\"event\":\"order_created\",\"channel\":\"live_orders_btcusd\",\"data\":{}}";
        String noEvent = "{\"channel\":\"live_trades_btcusd\"}";

        assertThat(session.read(sol, RECEIVED)).containsExactly(new FeedMessage.Unknown(sol));
        assertThat(session.read(order, RECEIVED)).containsExactly(new FeedMessage.Unknown(order));
        assertThat(session.read(noEvent, RECEIVED)).containsExactly(new FeedMessage.Unknown(noEvent));
    }

    @Test
    void aNegativePriceIsLeftToTheTickValidator() {
        String frame = frame("bitstamp-ws-trade.json").replace("\"price_str\": \"37418\"", "\"price_str\": \"-5\"");

        assertThat(((FeedMessage.Tick) session.read(frame, RECEIVED).get(0)).tick().price())
                .isEqualTo(new BigDecimal("-5"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"data\": {\"id\": 311468265, \"timestamp\": \"1700834532\", \"amount\": 0.0125, \"amou",
            "<html>502 Bad Gateway</html>",
            "",
            "[{\"event\":\"trade\"}]",
            "\"bts:heartbeat\"",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price_str\":\"NaN\","
                    + "\"microtimestamp\":\"1700834532136814\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price_str\":\"abc\","
                    + "\"microtimestamp\":\"1700834532136814\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price\":\"abc\","
                    + "\"microtimestamp\":\"1700834532136814\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,"
                    + "\"microtimestamp\":\"1700834532136814\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price_str\":\"1\","
                    + "\"microtimestamp\":\"soon\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price_str\":\"1\","
                    + "\"microtimestamp\":\"999999999999999999\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"id\":1,\"price_str\":\"1\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":{\"price_str\":\"1\","
                    + "\"microtimestamp\":\"1700834532136814\"}}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\",\"data\":\"\"}",
            "{\"event\":\"trade\",\"channel\":\"live_trades_btcusd\"}",
            "{\"event\":\"trade\",\"data\":{}}",
            "{\"event\":\"bts:subscription_succeeded\",\"data\":{}}",
            "{\"event\":\"bts:error\",\"channel\":\"\",\"data\":\"\"}",
            "{\"event\":\"bts:error\",\"channel\":\"\",\"data\":{\"code\":null}}",
    })
    void aDamagedFrameIsMalformedNeverAnException(String frame) {
        assertThat(session.read(frame, RECEIVED)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
    }

    @Test
    void channelsComeFromTheRegistry() {
        assertThatThrownBy(() -> protocol.open(List.of("BTC-USDT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bitstamp does not list BTC-USDT");
    }
}
