package dev.rigwatch.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.Topics;
import dev.rigwatch.streams.candles.InvalidTickException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ticks that deserialize but cannot be candled. Undeserializable records are covered against a real broker in
 * {@link StreamsStageTest}: the test driver's mock producer discards, under exactly-once, a dead letter sent while
 * a record is deserialized rather than processed.
 */
class DeadLetterTopologyTest {

    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    @BeforeEach
    void setUp() {
        harness = new TopologyHarness(stateDir);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void ticksThatCannotBeCandledGoToDeadLetterAsTheyArrivedAndProcessingContinues() {
        CryptoTick kraken = TopologyHarness.tick("kraken", "BTC-USD", new BigDecimal("100"), T12_00);
        CryptoTick free = TopologyHarness.tick("coinbase", "BTC-USD", BigDecimal.ZERO, T12_00);
        harness.ticks.pipeInput("coinbase:BTC-USD", null, T12_00);
        harness.ticks.pipeInput("coinbase:BTC-USD", kraken, T12_00);
        harness.ticks.pipeInput("coinbase:BTC-USD", free, T12_00);
        harness.tick("coinbase", "BTC-USD", "101", T12_00.plusSeconds(1));
        harness.tick("coinbase", "BTC-USD", "102", T12_00.plusSeconds(70));

        List<TestRecord<byte[], byte[]>> dead = harness.deadLetters.readRecordsToList();
        assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
                .containsExactly("coinbase:BTC-USD", "coinbase:BTC-USD", "coinbase:BTC-USD");
        assertThat(dead).extracting(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8))
                .containsExactly(null, json(kraken), json(free));
        assertThat(dead).extracting(r -> headers(r.headers()).get("__streams.errors.message"))
                .containsExactly(
                        "tick with key coinbase:BTC-USD has no value",
                        "tick of kraken:BTC-USD arrived with key coinbase:BTC-USD",
                        "tick of coinbase:BTC-USD has a price that is not positive: 0");
        assertThat(dead).extracting(r -> headers(r.headers()).get("__streams.errors.exception"))
                .containsOnly(InvalidTickException.class.getName());
        assertThat(dead).extracting(r -> headers(r.headers()).get("__streams.errors.offset"))
                .containsExactly("0", "1", "2");
        assertThat(harness.candles.readValuesToList()).extracting(c -> c.close())
                .containsExactly(new BigDecimal("101"));
    }

    private static String json(CryptoTick tick) {
        return new String(Topics.CRYPTO_TICKS.valueSerde().serializer().serialize("", tick), StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(Headers headers) {
        Map<String, String> out = new HashMap<>();
        headers.forEach(h -> out.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        return out;
    }
}
