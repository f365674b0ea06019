package dev.rigwatch.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket faults, each alone with a fixed seed, on the first connection to a simulator started with them: the
 * plan says which message of the connection goes wrong, and the client sees exactly that.
 */
class WsFaultsTest extends SimulatorTestBase {

    private static final String BINANCE_SUBSCRIBE =
            "{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"btcusdt@trade\"],\"id\":1}";
    private static final String KRAKEN_SUBSCRIBE =
            "{\"method\":\"subscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\"],\"snapshot\":false}}";
    private static final String BITSTAMP_SUBSCRIBE =
            "{\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"live_trades_btcusd\"}}";
    private static final String COINBASE_SUBSCRIBE =
            "{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"],\"channel\":\"ticker\"}";

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeFaultyServers() throws Exception {
        for (AutoCloseable closeable : opened) {
            closeable.close();
        }
    }

    private WsRecorder connect(String spec, SimulatedExchange exchange, String subscribe) {
        SimulatorServer faulty = new SimulatorServer(market, SimulatorServer.LOOPBACK, 0)
                .wsFaults(WsFaultPlan.parse(spec)).start();
        opened.add(faulty);
        WsRecorder socket = new WsRecorder(faulty.wsUrl(exchange), WsRecorder.stepping(this));
        opened.add(0, socket);
        socket.send(subscribe);
        return socket;
    }

    /** The number of the first message of connection 0 to {@code exchange} that gets {@code fault}. */
    private static int first(String spec, SimulatedExchange exchange, WsFaultPlan.Fault fault) {
        WsFaultPlan plan = WsFaultPlan.parse(spec);
        for (int message = 0; message < 10_000; message++) {
            if (plan.faultOf(exchange.id(), 0, message) == fault) {
                return message;
            }
        }
        throw new AssertionError("no " + fault + " in 10000 messages of " + spec);
    }

    @Test
    void dropCutsTheConnectionWithoutACloseFrameRightAfterTheMessagesBeforeIt() throws Exception {
        String spec = "drop=0.02,seed=7";
        int dropped = first(spec, SimulatedExchange.BINANCE, WsFaultPlan.Fault.DROP);
        assertThat(dropped).as("the plan's first drop").isBetween(5, 300);
        WsRecorder socket = connect(spec, SimulatedExchange.BINANCE, BINANCE_SUBSCRIBE);

        assertThat(socket.advanceUntilFailed()).as("connection failed").isTrue();

        assertThat(socket.closing()).as("close frame").isFalse();
        assertThat(socket.frames()).hasSize(dropped);
        socket.frames().forEach(WsRecorder::parse);
    }

    @Test
    void silentKeepsTheConnectionOpenAndSendsNothingMoreNotEvenAPong() throws Exception {
        String spec = "silent=0.02,seed=7";
        int silenced = first(spec, SimulatedExchange.KRAKEN, WsFaultPlan.Fault.SILENT);
        assertThat(silenced).as("the plan's first silence").isBetween(5, 300);
        WsRecorder socket = connect(spec, SimulatedExchange.KRAKEN, KRAKEN_SUBSCRIBE);

        socket.advanceUntil(frames -> frames.size() >= silenced, silenced + " frames");
        socket.send("{\"method\":\"ping\",\"req_id\":1}");
        // a live feed sends about 120 frames in these 60 simulated seconds, and a heartbeat
        socket.advanceQuietly(6);

        assertThat(socket.frames()).hasSize(silenced);
        assertThat(socket.failure()).isNull();
        assertThat(socket.closing()).isFalse();
    }

    @Test
    void malformedSendsOneFrameCutOffHalfwayAndGoesOn() throws Exception {
        String spec = "malformed=0.03,seed=7";
        int spoilt = first(spec, SimulatedExchange.BITSTAMP, WsFaultPlan.Fault.MALFORMED);
        assertThat(spoilt).as("the plan's first malformed frame").isBetween(2, 300);
        WsRecorder socket = connect(spec, SimulatedExchange.BITSTAMP, BITSTAMP_SUBSCRIBE);

        List<String> frames = socket.advanceUntil(f -> f.size() > spoilt + 1, (spoilt + 2) + " frames");

        for (int i = 0; i < spoilt; i++) {
            WsRecorder.parse(frames.get(i));
        }
        String cut = frames.get(spoilt);
        assertThatThrownBy(() -> WsRecorder.parse(cut)).as(cut).isInstanceOf(AssertionError.class);
        assertThat(cut).startsWith("{\"data\":{\"id\":");
        JsonNode next = WsRecorder.parse(frames.get(spoilt + 1));
        assertThat(next.get("event").asText()).isEqualTo("trade");
    }

    @Test
    void skipMakesCoinbasesNextSequenceNumberJumpOne() throws Exception {
        String spec = "skip=0.03,seed=7";
        int skipped = first(spec, SimulatedExchange.COINBASE, WsFaultPlan.Fault.SKIP);
        assertThat(skipped).as("the plan's first skip").isBetween(2, 300);
        WsRecorder socket = connect(spec, SimulatedExchange.COINBASE, COINBASE_SUBSCRIBE);

        List<String> frames = socket.advanceUntil(f -> f.size() > skipped + 1, (skipped + 2) + " frames");

        for (int i = 0; i <= skipped; i++) {
            assertThat(sequence(frames.get(i))).as("frame %d", i).isEqualTo(i);
        }
        assertThat(sequence(frames.get(skipped + 1))).isEqualTo(skipped + 2);
    }

    @Test
    void reorderSendsAMessageAfterTheNextSoCoinbasesSequenceGoesBack() throws Exception {
        String spec = "reorder=0.03,seed=7";
        int held = first(spec, SimulatedExchange.COINBASE, WsFaultPlan.Fault.REORDER);
        assertThat(held).as("the plan's first reorder").isBetween(2, 300);
        WsRecorder socket = connect(spec, SimulatedExchange.COINBASE, COINBASE_SUBSCRIBE);

        List<String> frames = socket.advanceUntil(f -> f.size() > held + 1, (held + 2) + " frames");

        for (int i = 0; i < held; i++) {
            assertThat(sequence(frames.get(i))).as("frame %d", i).isEqualTo(i);
        }
        assertThat(sequence(frames.get(held))).isEqualTo(held + 1);
        assertThat(sequence(frames.get(held + 1))).isEqualTo(held);
    }

    private static long sequence(String frame) {
        return WsRecorder.parse(frame).get("sequence_num").asLong();
    }
}
