package dev.rigwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.broker.testing.SharedKafka;
import dev.rigwatch.events.GpuSoldPrice;
import dev.rigwatch.events.Topics;
import dev.rigwatch.ops.history.ImportProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code rigwatch import} against the real broker. */
class ImportCommandTest {

    @RegisterExtension
    final CapturedOutput captured = new CapturedOutput();
    private final ByteArrayOutputStream out = captured.out;
    private final ByteArrayOutputStream err = captured.err;
    private final StringWriter usageErr = new StringWriter();

    @TempDir
    Path dir;

    private int execute(String... args) {
        CommandLine cli = new CommandLine(new ImportCommand());
        cli.setErr(new PrintWriter(usageErr, true));
        return cli.execute(args);
    }

    @Test
    void progressLineShowsABarOverTheFilesLines() {
        assertThat(ImportCommand.progressLine(new ImportProgress(2501, 2500, 2490, 10), 10_001, Duration.ofSeconds(2)))
                .isEqualTo("[#####---------------]  25.0% line 2501 of 10001: 2500 rows read, 2490 records written, "
                        + "10 bad rows, 1250 rows/s");
        assertThat(ImportCommand.progressLine(new ImportProgress(7, 6, 6, 0), -1, Duration.ofSeconds(1)))
                .isEqualTo("line 7: 6 rows read, 6 records written, 0 bad rows, 6 rows/s");
    }

    @Test
    void linesAreCountedForTheBarAndAnUnreadableFileHasNoCount(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("three.csv"), "a\nb\nc");

        assertThat(ImportCommand.countLines(file)).isEqualTo(3);
        assertThat(ImportCommand.countLines(dir.resolve("missing.csv"))).isEqualTo(-1);
    }

    @Test
    void importsGpuSoldPricesPrintingASummaryWithTheBadRowsAndExitsZero() throws IOException {
        String model = "RTX 3080";
        Path file = dir.resolve("sold-" + ThreadLocalRandom.current().nextInt(1_000_000) + ".csv");
        Files.writeString(file, """
                GPU,eBay Price,QTY Sold,Month
                GeForce RTX 3080,"$1,114",12,April 2022
                GeForce RTX 3080,—,0,May 2022
                GeForce RTX 3080,$990,9,June 2022
                """);

        // one bad row of three is more than the default share (10 %) a file may have bad: allow half
        int exit = execute(file.toString(), "--max-bad-share", "0.5", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + usageErr).isZero();
        // log lines go to stdout too: the summary is these lines, in this order
        assertThat(out.toString(StandardCharsets.UTF_8).lines().toList()).containsSubsequence(
                "import of " + file.getFileName() + " as gpu-sold done: 3 rows read, 2 records written, 1 bad rows "
                        + "(1 written to ingest.rejects)",
                "  gpu.sold-prices: 2 records, 1 key",
                "    model:RTX 3080: 2",
                "  record times from 2022-05-01T00:00:00Z to 2022-07-01T00:00:00Z",
                "  bad rows:",
                "    line 3: eBay Price has no price (\"—\") [malformed-row]");
        String source = file.getFileName().toString();
        List<ConsumerRecord<String, GpuSoldPrice>> sold = SharedKafka.consume(Topics.GPU_SOLD_PRICES,
                r -> r.value().source().equals(source), 2, Duration.ofSeconds(20));
        assertThat(sold).extracting(ConsumerRecord::key).containsOnly("model:" + model);
        assertThat(sold).extracting(ConsumerRecord::timestamp).containsExactlyInAnyOrder(
                Instant.parse("2022-05-01T00:00:00Z").toEpochMilli(), Instant.parse("2022-07-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void aCryptoDataDownloadExportIsToldFromTheHeaderAfterItsCreditLineAndImportedWhole() throws IOException {
        Path file = dir.resolve("Coinbase_ETHUSD_1h.csv");
        Files.writeString(file, """
                https://www.CryptoDataDownload.com
                Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USD
                2020-02-25 01-AM,ETHUSD,265.07,266.68,264.2,266.3,1502.18,399204.6
                2020-02-25 12-AM,ETHUSD,265.97,266.3,264.65,265.07,1094.34,290215.32
                2020-02-24 11-PM,ETHUSD,264.9,266.25,264.51,265.97,1375.91,365136.75
                """);
        String exchange = "cdd" + ThreadLocalRandom.current().nextInt(1_000_000);

        int exit = execute(file.toString(), "--exchange", exchange, "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + usageErr).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("import of Coinbase_ETHUSD_1h.csv as ohlcv (1h candles) "
                + "done: 3 rows read, 3 records written, 0 bad rows");
        assertThat(SharedKafka.consume(Topics.CRYPTO_OHLC, r -> r.key().equals(exchange + ":ETH-USD"), 3,
                Duration.ofSeconds(20))).hasSize(3);
    }

    @Test
    void aFileWhoseEveryRowIsBadFailsWithTheCountAndTheFirstReasons() throws IOException {
        Path file = dir.resolve("all-bad.csv");
        Files.writeString(file, """
                Date,Symbol,Open,High,Low,Close
                2020-02-25 01-AM,ETHUSD,n/a,n/a,n/a,n/a
                2020-02-25 12-AM,ETHUSD,n/a,n/a,n/a,n/a
                2020-02-24 11-PM,ETHUSD,n/a,n/a,n/a,n/a
                """);

        int exit = execute(file.toString(), "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                "import of all-bad.csv as ohlcv (1h candles) FAILED, every row bad: 3 rows read, 0 records written, "
                        + "3 bad rows (3 written to ingest.rejects)",
                "    line 2: Open \"n/a\" is not a number [malformed-row]");
    }

    @Test
    void moreBadRowsThanTheShareAllowedFailTheImportThoughTheGoodOnesAreWritten() throws IOException {
        Path file = dir.resolve("half-bad.csv");
        Files.writeString(file, """
                Date,Open,High,Low,Close
                2024-01-01,10,12,9,11
                2024-01-02,n/a,12,9,11
                2024-01-03,11,13,10,12
                2024-01-04,n/a,13,10,12
                """);

        int exit = execute(file.toString(), "--symbol", "ETH-USD", "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAILED, 50.0 % of the rows bad (more than 10 %): "
                + "4 rows read, 2 records written, 2 bad rows");
        assertThat(execute(file.toString(), "--symbol", "ETH-USD", "--max-bad-share", "0.5",
                "--bootstrap-servers", SharedKafka.bootstrapServers())).isZero();
    }

    @Test
    void candlesWithoutASymbolAreAUsageErrorNamingTheOption() throws IOException {
        Path file = dir.resolve("eth.csv");
        Files.writeString(file, "Date,Open,High,Low,Close\n2024-01-01,1,1,1,1\n2024-01-02,1,1,1,1\n");

        int exit = execute(file.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(usageErr.toString()).startsWith(
                "rigwatch import: the file has no symbol column ([symbol, pair]): give the symbol, e.g. --symbol ETH-USD");
    }

    @Test
    void aFileInAShapeRigwatchCannotReadIsOneLineAndExitTwoWithoutTheUsageText() throws IOException {
        // a wide table of models by months: no format rigwatch reads
        StringBuilder header = new StringBuilder("model");
        StringBuilder row = new StringBuilder("RTX 3080");
        for (int month = 0; month < 60; month++) {
            header.append(',').append(2019 + month / 12).append('-').append(String.format("%02d", month % 12 + 1));
            row.append(',').append(500 + month);
        }
        Path file = Files.writeString(dir.resolve("wide.csv"), header + "\n" + row + "\n");

        int exit = execute(file.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(exit).isEqualTo(2);
        assertThat(usageErr.toString().lines()).singleElement().asString()
                .startsWith("rigwatch import: cannot tell the format from the header [model, 2019-01, 2019-02, "
                        + "2019-03, 2019-04, 2019-05, 2019-06, 2019-07, ... 53 more]: OHLCV needs")
                .contains("--format ohlcv|events|listings|gpu-sold|binance-klines|kraken-ohlcvt")
                .doesNotContain("2021-01", "Usage:");
    }

    @Test
    void aBinanceKlineDumpWithNoHeaderImportsAsTheCandlesItsFileNameSays() throws IOException {
        Path file = dir.resolve("ETHUSDT-1m-2021-03-01.csv");
        Files.writeString(file, String.join("\n",
                "1614556800000,1416.46,1418.50,1413.78,1417.00,1064.50,1614556859999,1507969.70,1287,545.06,772256.93,0",
                "1614556860000,1417.00,1419.80,1416.06,1419.11,604.42,1614556919999,857381.35,901,327.05,463895.78,0"));
        String exchange = "dump" + ThreadLocalRandom.current().nextInt(1_000_000);

        int exit = execute(file.toString(), "--exchange", exchange, "--bootstrap-servers", SharedKafka.bootstrapServers());

        assertThat(exit).as(err.toString(StandardCharsets.UTF_8) + usageErr).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("import of ETHUSDT-1m-2021-03-01.csv as binance-klines "
                + "(1m candles) done: 2 rows read, 2 records written, 0 bad rows");
        assertThat(SharedKafka.consume(Topics.CRYPTO_OHLC, r -> r.key().equals(exchange + ":ETH-USDT"), 2,
                Duration.ofSeconds(20))).hasSize(2);
    }

    @Test
    void aMissingFileAndAnUnknownFormatAreUsageErrors() {
        assertThat(execute(dir.resolve("nope.csv").toString(), "--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(usageErr.toString()).startsWith("rigwatch import: no such file: " + dir.resolve("nope.csv"));

        assertThat(execute("x.csv", "--format", "xlsx")).isEqualTo(2);
        assertThat(usageErr.toString()).contains("unknown format 'xlsx'; use one of [ohlcv, events, listings, gpu-sold, "
                + "binance-klines, kraken-ohlcvt]");
    }
}
