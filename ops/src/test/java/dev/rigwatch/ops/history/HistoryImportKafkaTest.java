package dev.rigwatch.ops.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.IngestReject;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into the real (shared) broker and reads the records back. */
class HistoryImportKafkaTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final HistoryImport IMPORT = HistoryImport.standard(Clock.fixed(NOW, ZoneOffset.UTC));
    private static EventProducer producer;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        producer = new EventProducer(SharedKafka.bootstrapServers(), "history-import-test");
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    private static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    }

    @Test
    void candlesAreWrittenWithTheFilesTimesAndTheBackfillKeyAndBadRowsGoToIngestRejects() throws IOException {
        String base = unique("T");
        Path file = dir.resolve(unique("candles-") + ".csv");
        Files.writeString(file, """
                Date,Open,High,Low,Close,Adj Close,Volume
                2021-01-01,730.40,749.20,719.79,728.91,728.91,13910000
                2021-01-02,728.82,787.69,714.91,774.53,774.53,15100000
                2021-01-03,null,null,null,null,null,null
                2021-01-04,978.53,1110.00,946.26,1041.49,1041.49,46700000
                """);
        List<ImportProgress> progress = new ArrayList<>();

        ImportSummary summary = IMPORT.run(file, ImportOptions.defaults().withSymbol(base + "-usd")
                .withExchange("coinbase").withProgressEvery(2), producer, progress::add);

        String key = "coinbase:" + base + "-USD";
        assertThat(summary.allWritten()).isTrue();
        assertThat(summary.format()).isEqualTo(FileFormat.OHLCV);
        assertThat(summary.interval()).isEqualTo(Duration.ofDays(1));
        assertThat(summary.rowsRead()).isEqualTo(4);
        assertThat(summary.imported()).isEqualTo(Map.of("crypto.ohlc", Map.of(key, 3L)));
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(summary.rejectsWritten()).isEqualTo(1);
        assertThat(summary.firstRejects()).extracting(BadRow::toString)
                .containsExactly("line 4: Open \"null\" is not a number");
        assertThat(summary.firstTime()).isEqualTo(Instant.parse("2021-01-02T00:00:00Z"));
        assertThat(summary.lastTime()).isEqualTo(Instant.parse("2021-01-05T00:00:00Z"));
        assertThat(progress).extracting(ImportProgress::line, ImportProgress::rowsRead)
                .containsExactly(tuple(3, 2L), tuple(5, 4L));

        List<ConsumerRecord<String, Candle>> candles = SharedKafka.consume(Topics.CRYPTO_OHLC,
                r -> r.key().equals(key), 3, Duration.ofSeconds(20));
        assertThat(candles).extracting(ConsumerRecord::timestamp).containsExactly(
                Instant.parse("2021-01-02T00:00:00Z").toEpochMilli(), Instant.parse("2021-01-03T00:00:00Z").toEpochMilli(),
                Instant.parse("2021-01-05T00:00:00Z").toEpochMilli());
        assertThat(candles.get(2).value()).isEqualTo(new Candle(1, key, Duration.ofDays(1),
                Instant.parse("2021-01-04T00:00:00Z"), Instant.parse("2021-01-05T00:00:00Z"), new BigDecimal("978.53"),
                new BigDecimal("1110.00"), new BigDecimal("946.26"), new BigDecimal("1041.49"),
                new BigDecimal("46700000"), 0));

        String source = "import:" + file.getFileName();
        List<ConsumerRecord<String, IngestReject>> rejects = SharedKafka.consume(Topics.INGEST_REJECTS,
                r -> r.key().equals(source), 1, Duration.ofSeconds(20));
        assertThat(rejects).hasSize(1);
        assertThat(rejects.get(0).value()).isEqualTo(IngestReject.of(source, file.toUri().toString(), null,
                BadRow.MALFORMED, "line 4: Open \"null\" is not a number", "2021-01-03,null,null,null,null,null,null", NOW));
        assertThat(rejects.get(0).timestamp()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void theWholeYahooFileIsWrittenAndItsNullRowsGoToIngestRejects() {
        String exchange = unique("yahoo-");

        ImportSummary summary = IMPORT.run(OhlcvFileTest.resource(OhlcvFileTest.YAHOO),
                ImportOptions.defaults().withSymbol("ETH-USD").withExchange(exchange), producer, p -> { });

        assertThat(summary.allWritten()).isTrue();
        assertThat(summary.imported()).isEqualTo(Map.of("crypto.ohlc", Map.of(exchange + ":ETH-USD", 2_298L)));
        assertThat(summary.rejected()).isEqualTo(4);
        assertThat(summary.rejectsWritten()).isEqualTo(4);
        assertThat(summary.firstTime()).isEqualTo(Instant.parse("2015-08-08T00:00:00Z"));
        assertThat(summary.lastTime()).isEqualTo(Instant.parse("2021-11-25T00:00:00Z"));
    }

    @Test
    void aRecordKafkaRefusesStopsTheImportAndIsReported() throws IOException {
        String exchange = unique("big-");
        String tick = "{\"v\":1,\"exchange\":\"" + exchange + "\",\"symbol\":\"BTC-USD\",\"price\":\"100\","
                + "\"receivedTime\":\"2024-01-01T00:00:0%dZ\",\"eventTimeSource\":\"RECEIPT\",\"tradeId\":\"%s\"}";
        Path file = dir.resolve("too-large.jsonl");
        // the second tick is larger than the producer's max.request.size (1 MiB): Kafka refuses it
        Files.writeString(file, String.format(tick, 1, "a") + "\n" + String.format(tick, 2, "x".repeat(1_100_000))
                + "\n" + String.format(tick, 3, "c") + "\n");

        ImportSummary summary = IMPORT.run(file, ImportOptions.defaults(), producer, p -> { });

        assertThat(summary.allWritten()).isFalse();
        assertThat(summary.sendFailures()).isEqualTo(1);
        assertThat(summary.firstSendFailure()).startsWith("line 2 to crypto.ticks: org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(summary.stoppedEarly()).startsWith("stopped before line 3 as Kafka refused a record: line 2 to crypto.ticks");
        assertThat(summary.rowsRead()).isEqualTo(2);
        assertThat(summary.imported()).isEqualTo(Map.of("crypto.ticks", Map.of(exchange + ":BTC-USD", 1L)));
    }
}
