package dev.rigwatch.ingest.ws.coinbase;

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
 * The fixtures {@code coinbase-ws-*.json} follow Coinbase's Advanced Trade WebSocket docs
 * (docs.cdp.coinbase.com/coinbase-app/advanced-trade-apis/websocket/websocket-channels, and the feed's AsyncAPI
 * description, which was checked against the production feed: {@code heartbeat_counter} is a number there, the
 * prose docs show a string). Field names, string decimals and the nanosecond {@code timestamp} are theirs; the
 * values are made up around the REST fixture {@code coinbase-ticker-BTC-USD.json}.
 */
class CoinbaseWsProtocolTest {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();
    private static final Instant RECEIVED = Instant.parse("2023-11-24T14:02:13Z");

    private final CoinbaseWsProtocol protocol = new CoinbaseWsProtocol(INSTRUMENTS);
    private final WsSession session = protocol.open(List.of("BTC-USD", "ETH-USD"));

    @Test
    void subscribesToTheTickerOfEachProductAndToHeartbeats() {
        assertJson(session.subscribeMessages(),
                "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}",
                "{\"type\":\"subscribe\",\"channel\":\"heartbeats\"}");
        assertThat(session.pingMessage()).isNull();
    }

    @Test
    void livesByTheHeartbeatsChannel() {
        assertThat(protocol.exchange()).isEqualTo("coinbase");
        assertThat(protocol.defaultUri()).isEqualTo(URI.create("wss://advanced-trade-ws.coinbase.com"));
        assertThat(protocol.silenceTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(protocol.pingInterval()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aSnapshotTickerIsATickAtTheMessagesTimestamp() {
        List<FeedMessage> messages = session.read(frame("coinbase-ws-ticker-snapshot.json"), RECEIVED);

        assertThat(messages).containsExactly(new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "coinbase",
                "BTC-USD", new BigDecimal("37412.83"), new BigDecimal("37412.82"), new BigDecimal("37412.83"),
                new BigDecimal("11723.45872109"), null, Instant.parse("2023-11-24T14:02:11.417285912Z"), RECEIVED,
                TimeSource.EXCHANGE)));
        CryptoTick tick = ((FeedMessage.Tick) messages.get(0)).tick();
        assertThat(tick.exchangeTime().getNano()).isEqualTo(417_285_912);
        assertThat(tick.tradeIdentity()).isEqualTo("at 2023-11-24T14:02:11.417285912Z for 37412.83");
    }

    @Test
    void everyTickerOfAnUpdateIsATickWithItsExactDecimals() {
        session.read(frame("coinbase-ws-heartbeats.json"), RECEIVED);

        List<FeedMessage> messages = session.read(frame("coinbase-ws-ticker-update.json"), RECEIVED);

        Instant at = Instant.parse("2023-11-24T14:02:12.503190446Z");
        assertThat(messages).containsExactly(
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "coinbase", "BTC-USD",
                        new BigDecimal("37413.10"), new BigDecimal("37413.09"), new BigDecimal("37413.10"),
                        new BigDecimal("11723.51972109"), null, at, RECEIVED, TimeSource.EXCHANGE)),
                new FeedMessage.Tick(new CryptoTick(CryptoTick.VERSION, "coinbase", "ETH-USD",
                        new BigDecimal("2071.4"), new BigDecimal("2071.39"), new BigDecimal("2071.40"),
                        new BigDecimal("96123.76543210"), null, at, RECEIVED, TimeSource.EXCHANGE)));
        assertThat(((FeedMessage.Tick) messages.get(0)).tick().price().scale()).isEqualTo(2);
    }

    @Test
    void heartbeatsSayTheFeedIsAlive() {
        assertThat(session.read(frame("coinbase-ws-heartbeats.json"), RECEIVED))
                .containsExactly(new FeedMessage.Heartbeat(RECEIVED));
        // the prose docs' string counter reads the same
        assertThat(session.read("{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":"
                + "\"2023-11-24T14:02:13.1Z\",\"sequence_num\":3,\"events\":[{\"current_time\":\"x\","
                + "\"heartbeat_counter\":\"3050\"}]}", RECEIVED)).containsExactly(new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void subscriptionsConfirmEachChannelAndProduct() {
        assertThat(session.read(frame("coinbase-ws-subscriptions.json"), RECEIVED)).containsExactly(
                new FeedMessage.Subscribed("ticker BTC-USD"), new FeedMessage.Subscribed("ticker ETH-USD"),
                new FeedMessage.Subscribed("heartbeats"));
    }

    @Test
    void anErrorIsAFeedErrorNamingNoSymbol() {
        assertThat(session.read(frame("coinbase-ws-error.json"), RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null, "failure to subscribe"));
        assertThat(session.read("{\"type\":\"error\",\"message\":\"failure to subscribe\",\"reason\":"
                + "\"invalid product_id\"}", RECEIVED))
                .containsExactly(new FeedMessage.FeedError(null, "failure to subscribe: invalid product_id"));
    }

    @Test
    void aSkippedSequenceNumberIsAGapReportedBeforeTheMessagesTicks() {
        session.read(frame("coinbase-ws-ticker-snapshot.json"), RECEIVED);   // 0
        session.read(frame("coinbase-ws-subscriptions.json"), RECEIVED);     // 1

        List<FeedMessage> messages = session.read(frame("coinbase-ws-ticker-update.json"), RECEIVED); // 3

        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).isEqualTo(new FeedMessage.SequenceGap(2, 3));
        assertThat(messages.subList(1, 3)).allMatch(FeedMessage.Tick.class::isInstance);
        // the session goes on from 3: 4 is no gap
        assertThat(session.read(heartbeat(4), RECEIVED)).containsExactly(new FeedMessage.Heartbeat(RECEIVED));
        assertThat(session.read(heartbeat(7), RECEIVED))
                .containsExactly(new FeedMessage.SequenceGap(5, 7), new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void aLateMessageIsReadButReportsNoGapAndDoesNotMoveTheExpectationBack() {
        session.read(heartbeat(10), RECEIVED);

        // 3 arrived after 10: its ticks are read (the TickValidator judges their order), no gap
        List<FeedMessage> late = session.read(frame("coinbase-ws-ticker-update.json"), RECEIVED);
        assertThat(late).hasSize(2).allMatch(FeedMessage.Tick.class::isInstance);
        assertThat(session.read(heartbeat(10), RECEIVED)).containsExactly(new FeedMessage.Heartbeat(RECEIVED));

        assertThat(session.read(heartbeat(11), RECEIVED)).containsExactly(new FeedMessage.Heartbeat(RECEIVED));
        assertThat(session.read(heartbeat(13), RECEIVED))
                .containsExactly(new FeedMessage.SequenceGap(12, 13), new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void eachConnectionCountsAfresh() {
        session.read(heartbeat(500), RECEIVED);

        WsSession next = protocol.open(List.of("BTC-USD"));

        assertThat(next.read(heartbeat(0), RECEIVED)).containsExactly(new FeedMessage.Heartbeat(RECEIVED));
    }

    @Test
    void aTickerOfAProductNotSubscribedIsUnknownAndTheOthersStillCount() {
        WsSession btcOnly = protocol.open(List.of("BTC-USD"));
        String frame = frame("coinbase-ws-ticker-update.json");

        List<FeedMessage> messages = btcOnly.read(frame, RECEIVED);

        assertThat(messages).hasSize(2);
        assertThat(messages.get(0)).isInstanceOf(FeedMessage.Tick.class);
        assertThat(messages.get(1)).isEqualTo(new FeedMessage.Unknown(frame));
    }

    @Test
    void anotherChannelIsUnknown() {
        String status = "{\"channel\":\"status\",\"client_id\":\"\",\"timestamp\":\"2023-11-24T14:02:13Z\","
                + "\"sequence_num\":0,\"events\":[]}";
        assertThat(session.read(status, RECEIVED)).containsExactly(new FeedMessage.Unknown(status));
        String noChannel = "{\"type\":\"something\"}";
        assertThat(session.read(noChannel, RECEIVED)).containsExactly(new FeedMessage.Unknown(noChannel));
    }

    @Test
    void aBadTickerIsMalformedOnItsOwn() {
        String frame = frame("coinbase-ws-ticker-update.json").replace("\"2071.4\"", "\"NaN\"");

        List<FeedMessage> messages = session.read(frame, RECEIVED);

        assertThat(messages.get(0)).isInstanceOf(FeedMessage.Tick.class);
        assertThat(messages.get(1))
                .isEqualTo(new FeedMessage.Malformed(frame, "ticker ETH-USD: price 'NaN' is not a number"));
    }

    @Test
    void aNegativePriceIsATickTheValidatorRejects() {
        String frame = frame("coinbase-ws-ticker-snapshot.json").replace("\"37412.83\",\"volume", "\"-1\",\"volume");

        List<FeedMessage> messages = session.read(frame, RECEIVED);

        CryptoTick tick = ((FeedMessage.Tick) messages.get(0)).tick();
        assertThat(tick.price()).isEqualByComparingTo("-1");
        assertThat(new TickValidator(TickValidator.Settings.defaults()).validate(tick))
                .isEqualTo(new TickVerdict.Invalid(TickVerdict.Reason.INVALID_PRICE, "price -1 is not positive"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"channel\":\"ticker\",\"client_id\":\"\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_n",
            "not json",
            "",
            "[1,2]",
            "null",
            "{\"channel\":\"ticker\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_num\":\"abc\",\"events\":[]}",
            "{\"channel\":\"ticker\",\"timestamp\":\"yesterday\",\"sequence_num\":1,\"events\":[]}",
            "{\"channel\":\"ticker\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_num\":1,\"events\":{}}",
            "{\"channel\":\"ticker\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_num\":1}",
            "{\"channel\":\"ticker\",\"sequence_num\":1,\"events\":[]}",
            "{\"channel\":\"heartbeats\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"events\":[]}",
            "{\"channel\":\"subscriptions\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_num\":1,"
                    + "\"events\":[{\"subscriptions\":[\"ticker\"]}]}",
            "{\"type\":\"error\"}",
            "{\"type\":\"error\",\"message\":{\"text\":\"failure\"}}",
    })
    void aDamagedFrameIsMalformedNeverAnException(String frame) {
        assertThat(session.read(frame, RECEIVED)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
    }

    @Test
    void aDamagedTickerFieldIsMalformed() {
        String objectPrice = frame("coinbase-ws-ticker-snapshot.json")
                .replace("\"price\": \"37412.83\"", "\"price\": {\"value\": 1}");
        String missingPrice = frame("coinbase-ws-ticker-snapshot.json").replace("\"price\": \"37412.83\",", "");
        String noProduct = frame("coinbase-ws-ticker-snapshot.json").replace("\"product_id\": \"BTC-USD\",", "");

        assertThat(session.read(objectPrice, RECEIVED)).singleElement().isInstanceOf(FeedMessage.Malformed.class);
        assertThat(session.read(missingPrice, RECEIVED))
                .containsExactly(new FeedMessage.Malformed(missingPrice, "ticker BTC-USD: field price is missing"));
        assertThat(session.read(noProduct, RECEIVED))
                .containsExactly(new FeedMessage.Malformed(noProduct, "ticker null: field product_id is missing"));
    }

    @Test
    void aSymbolTheRegistryDoesNotListCannotBeSubscribed() {
        assertThatThrownBy(() -> protocol.open(List.of("BTC-EUR")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("coinbase does not list BTC-EUR");
        assertThatThrownBy(() -> protocol.open(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static String heartbeat(long sequence) {
        return "{\"channel\":\"heartbeats\",\"client_id\":\"\",\"timestamp\":\"2023-11-24T14:02:13Z\",\"sequence_num\":"
                + sequence + ",\"events\":[{\"current_time\":\"x\",\"heartbeat_counter\":" + sequence + "}]}";
    }
}
