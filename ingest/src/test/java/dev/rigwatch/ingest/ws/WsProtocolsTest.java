package dev.rigwatch.ingest.ws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.ingest.exchange.Exchange;
import dev.rigwatch.ingest.exchange.InstrumentRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class WsProtocolsTest {

    private static final InstrumentRegistry INSTRUMENTS = InstrumentRegistry.load();

    @ParameterizedTest
    @EnumSource(Exchange.class)
    void everyExchangeHasAProtocolForItsDefaultSymbols(Exchange exchange) {
        WsProtocol protocol = WsProtocols.forExchange(exchange, INSTRUMENTS);

        assertThat(protocol.exchange()).isEqualTo(exchange.id());
        assertThat(protocol.defaultUri().getScheme()).isEqualTo("wss");
        assertThat(protocol.silenceTimeout()).isPositive();
        assertThat(protocol.pingInterval()).isPositive();
        WsSession session = protocol.open(exchange.defaultSymbols());
        assertThat(session.subscribeMessages()).isNotEmpty();
    }

    /** Whatever arrives, read() answers with messages, never an exception: the frames every exchange could send. */
    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "null", "0", "-1e99999999999", "\"text\"", "[]", "{}",
            "{\"channel\":null}", "{\"e\":null}", "{\"event\":{}}", "{\"type\":[]}", "{\"method\":1}",
            "{\"result\":{},\"error\":{}}", "{\"u\":{},\"s\":[],\"b\":{},\"a\":1}", "\u0000", "{\"a\":1}{\"b\":2}",
            "{\"channel\":\"ticker\",\"events\":[null]}", "{\"channel\":\"trade\",\"data\":[null]}",
            "{\"channel\":\"ticker\",\"timestamp\":\"2023-11-24T14:02:11Z\",\"sequence_num\":99999999999999999999}"})
    void noFrameMakesAnySessionThrow(String frame) {
        for (Exchange exchange : Exchange.values()) {
            WsSession session = WsProtocols.forExchange(exchange, INSTRUMENTS).open(exchange.defaultSymbols());
            List<FeedMessage> messages = session.read(frame, Instant.EPOCH);
            assertThat(messages).as(exchange + " reading " + frame).isNotNull().doesNotContainNull();
        }
    }
}
