package dev.rigwatch.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.EventProducer;
import dev.rigwatch.ops.history.HistoryImport;
import dev.rigwatch.ops.history.ImportOptions;
import dev.rigwatch.ops.history.ImportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's round trip: a CSV imported into {@code crypto.ohlc}, a sub-range of it replayed into a sandbox,
 * stopped half-way and resumed: the sandbox holds exactly the imported records of that range, keys, timestamps,
 * values, headers and partitions equal.
 */
class ImportThenReplayTest {

    private static final Instant FIRST_HOUR = Instant.parse("2019-03-04T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anImportedSubRangeReplayedWithAnInterruptionArrivesExactlyOnce() throws Exception {
        int run = ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String key = "rt" + run + ":ETH-USD";
        Path file = dir.resolve("hourly.csv");
        StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
        for (int hour = 0; hour < 48; hour++) {
            long seconds = FIRST_HOUR.plus(Duration.ofHours(hour)).getEpochSecond();
            csv.append(seconds).append(",100.5,200.25,99.75,").append(100 + hour).append(".125,12.5\n");
        }
        Files.writeString(file, csv);
        try (EventProducer producer = new EventProducer(SharedKafka.bootstrapServers(), "round-trip-import")) {
            ImportSummary imported = HistoryImport.standard(Clock.systemUTC()).run(file,
                    ImportOptions.defaults().withSymbol("ETH-USD").withExchange("rt" + run), producer, p -> { });
            assertThat(imported.allWritten()).isTrue();
            assertThat(imported.rejected()).isZero();
        }
        // window ends (the record timestamps) 10:00 .. 29:00 of the 48 hours: 20 candles
        Instant from = FIRST_HOUR.plus(Duration.ofHours(10));
        Instant to = FIRST_HOUR.plus(Duration.ofHours(30));
        TopicNamespace sandbox = TopicNamespace.of("rt" + run);
        ReplayRequest request = new ReplayRequest(Topics.CRYPTO_OHLC.name(), from, to, sandbox, ReplaySpeed.MAX, false);
        AtomicInteger checks = new AtomicInteger();

        ReplaySummary stopped = new Replay(SharedKafka.bootstrapServers()).run(request, p -> { },
                () -> checks.incrementAndGet() > 7);
        ReplaySummary resumed = new Replay(SharedKafka.bootstrapServers()).run(request, p -> { }, () -> false);

        assertThat(stopped.complete()).isFalse();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.complete()).isTrue();
        List<RawRecords.Raw> expected = RawRecords.readAll(Topics.CRYPTO_OHLC.name()).stream()
                .filter(r -> key.equals(r.key()) && r.timestamp() >= from.toEpochMilli() && r.timestamp() < to.toEpochMilli())
                .toList();
        assertThat(expected).hasSize(20);
        assertThat(RawRecords.readAll(sandbox.of(Topics.CRYPTO_OHLC).name()).stream()
                .filter(r -> key.equals(r.key())).toList()).isEqualTo(expected);
    }
}
