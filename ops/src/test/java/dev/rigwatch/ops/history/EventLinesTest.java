package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.PollCoverage;
import dev.rigwatch.events.TimeSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLinesTest {

    static final String TICK = "{\"v\":1,\"exchange\":\"kraken\",\"symbol\":\"BTC-USD\",\"price\":\"91000.5\","
            + "\"exchangeTime\":\"2024-01-01T00:00:01Z\",\"receivedTime\":\"2024-01-01T00:00:02Z\",\"eventTimeSource\":\"EXCHANGE\"}";
    static final String CANDLE = "{\"v\":1,\"instrument\":\"coinbase:ETH-USD\",\"interval\":\"PT1M\","
            + "\"windowStart\":\"2024-01-01T00:00:00Z\",\"windowEnd\":\"2024-01-01T00:01:00Z\",\"open\":1,\"high\":2,"
            + "\"low\":1,\"close\":2,\"ticks\":3}";
    static final String SOLD = "{\"v\":1,\"source\":\"idx\",\"sourceName\":\"RTX 3080\",\"model\":\"RTX 3080\","
            + "\"family\":\"GeForce RTX 30\",\"periodStart\":\"2022-04-01T00:00:00Z\",\"periodEnd\":\"2022-05-01T00:00:00Z\","
            + "\"avgPriceUsd\":800,\"quantitySold\":4}";
    private static final String COVERAGE = "{\"type\":\"coverage\",\"v\":1,\"source\":\"ebay\",\"query\":\"rtx 3080\","
            + "\"pollId\":\"p1\",\"startedAt\":\"2024-01-01T00:00:00Z\",\"finishedAt\":\"2024-01-01T00:00:05Z\",\"pages\":1,"
            + "\"listings\":0,\"skipped\":0,\"complete\":true}";

    @TempDir
    Path dir;

    @Test
    void eachLinesTopicIsToldFromItsFieldsOrItsTailLineAndKeysAndTimesAreTheProducers() throws IOException {
        Path file = write(TICK, "", CANDLE, SOLD, COVERAGE,
                "{\"topic\":\"crypto.ticks\",\"key\":\"ignored\",\"partition\":0,\"offset\":7,\"timestamp\":\"1999-01-01T00:00:00Z\",\"value\":" + TICK + "}");
        CollectingSink sink = new CollectingSink();
        new EventLines(file, null).importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.written).extracting(CollectingSink.Written::line, CollectingSink.Written::topic,
                CollectingSink.Written::key, CollectingSink.Written::time, CollectingSink.Written::everyPartition)
                .containsExactly(
                        tuple(1, "crypto.ticks", "kraken:BTC-USD", Instant.parse("2024-01-01T00:00:01Z"), false),
                        tuple(3, "crypto.ohlc", "coinbase:ETH-USD", Instant.parse("2024-01-01T00:01:00Z"), false),
                        tuple(4, "gpu.sold-prices", "model:RTX 3080", Instant.parse("2022-05-01T00:00:00Z"), false),
                        tuple(5, "gpu.listings", "ebay:rtx 3080", Instant.parse("2024-01-01T00:00:00Z"), true),
                        tuple(6, "crypto.ticks", "kraken:BTC-USD", Instant.parse("2024-01-01T00:00:01Z"), false));
        assertThat(sink.written.get(0).value()).isEqualTo(new CryptoTick(1, "kraken", "BTC-USD",
                new BigDecimal("91000.5"), null, null, null, null, Instant.parse("2024-01-01T00:00:01Z"),
                Instant.parse("2024-01-01T00:00:02Z"), TimeSource.EXCHANGE));
        assertThat(sink.written.get(3).value()).isInstanceOf(PollCoverage.class);
    }

    @Test
    void linesThatAreNoEventOfAnImportableTopicAreBadRows() throws IOException {
        Path file = write("not json", "[1,2]", "{\"hello\":1}",
                "{\"v\":1,\"exchange\":\"kraken\",\"symbol\":\"BTC-USD\",\"price\":\"1\",\"eventTimeSource\":\"RECEIPT\"}",
                "{\"topic\":\"alerts\",\"value\":{}}", "{\"v\":1,\"instrument\":\"x\",\"windowEnd\":null}");
        CollectingSink sink = new CollectingSink();
        new EventLines(file, null).importTo(sink);

        assertThat(sink.written).isEmpty();
        assertThat(sink.rejected).extracting(BadRow::line).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(sink.rejected.get(1).detail()).isEqualTo("not a JSON object");
        assertThat(sink.rejected.get(2).detail())
                .isEqualTo("cannot tell which topic this event is for (it has the fields of none); give it with --topic");
        assertThat(sink.rejected.get(3).detail()).isEqualTo("not a valid CryptoTick: receivedTime");
        assertThat(sink.rejected.get(4).detail()).startsWith("cannot import into topic 'alerts': import writes the raw "
                + "topics crypto.ticks, crypto.ohlc, gpu.listings, gpu.sold-prices");
        assertThat(sink.rejected.get(5).detail())
                .isEqualTo("a candle needs its instrument and windowEnd (its key and timestamp)");
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNotPartOfIt() throws IOException {
        CollectingSink sink = new CollectingSink();
        new EventLines(write("\uFEFF" + TICK, TICK), null).importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.written).extracting(CollectingSink.Written::line).containsExactly(1, 2);
    }

    @Test
    void aGivenTopicReadsEveryLineAsItsEventsAndMustBeRaw() throws IOException {
        CollectingSink sink = new CollectingSink();
        new EventLines(write(CANDLE, TICK), "crypto.ohlc").importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::key).containsExactly("coinbase:ETH-USD");
        assertThat(sink.rejected).extracting(BadRow::line).containsExactly(2);
        assertThatThrownBy(() -> new EventLines(dir, "crypto.candles.1d")).isInstanceOf(ImportRefusedException.class)
                .hasMessage("cannot import into topic 'crypto.candles.1d': import writes the raw topics crypto.ticks, "
                        + "crypto.ohlc, gpu.listings, gpu.sold-prices; the others are computed from them");
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "events", ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n");
        return file;
    }
}
