package dev.rigwatch.ops.history;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Candle;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OhlcvFileTest {

    static final String YAHOO = "/data/history/eth-usd-daily-2015-2021-yahoo.csv";
    static final String YFINANCE = "/data/history/eth-usd-daily-2017-2024.csv";
    private static final ImportOptions ETH = ImportOptions.defaults().withSymbol("ETH-USD");

    @TempDir
    Path dir;

    static Path resource(String name) {
        return TestData.path(name);
    }

    @Test
    void theYahooFileImportsEveryDayButTheFourNullRowsWhichAreReportedByLine() throws IOException {
        CollectingSink sink = new CollectingSink();
        Duration interval = new OhlcvFile(resource(YAHOO), ETH).importTo(sink);

        assertThat(interval).isEqualTo(Duration.ofDays(1));
        // 2,302 days (the last line has no line break, so `wc -l` counts one fewer), less the four null rows
        assertThat(sink.written).hasSize(2_298);
        assertThat(sink.rejected).extracting(BadRow::line, BadRow::reason, BadRow::detail, BadRow::raw).containsExactly(
                nullRow(1717, "2020-04-17"), nullRow(1892, "2020-10-09"), nullRow(1895, "2020-10-12"),
                nullRow(1896, "2020-10-13"));
        Candle first = (Candle) sink.written.get(0).value();
        assertThat(first).isEqualTo(new Candle(1, "import:ETH-USD", Duration.ofDays(1),
                Instant.parse("2015-08-07T00:00:00Z"), Instant.parse("2015-08-08T00:00:00Z"), new BigDecimal("2.831620"),
                new BigDecimal("3.536610"), new BigDecimal("2.521120"), new BigDecimal("2.772120"),
                new BigDecimal("164329"), 0));
        assertThat(sink.written.get(0).time()).isEqualTo(first.windowEnd());
        assertThat(sink.written.get(0).key()).isEqualTo("import:ETH-USD");
        assertThat(sink.written.get(2_297).line()).isEqualTo(2_303);
        assertThat(sink.written.get(2_297).time()).isEqualTo(Instant.parse("2021-11-25T00:00:00Z"));
    }

    private static org.assertj.core.groups.Tuple nullRow(int line, String date) {
        return org.assertj.core.api.Assertions.tuple(line, BadRow.MALFORMED, "Open \"null\" is not a number",
                date + ",null,null,null,null,null,null");
    }

    @Test
    void theYfinanceFileImportsAllItsDaysWithTheirOffsetTimesAndIgnoresDividendsAndSplits() throws IOException {
        CollectingSink sink = new CollectingSink();
        Duration interval = new OhlcvFile(resource(YFINANCE), ETH.withExchange("coinbase")).importTo(sink);

        assertThat(interval).isEqualTo(Duration.ofDays(1));
        assertThat(sink.rejected).isEmpty();
        assertThat(sink.written).hasSize(2_586);
        Candle first = (Candle) sink.written.get(0).value();
        assertThat(first.instrument()).isEqualTo("coinbase:ETH-USD");
        assertThat(first.windowStart()).isEqualTo(Instant.parse("2017-11-09T00:00:00Z"));
        assertThat(first.open()).isEqualTo(new BigDecimal("308.6449890136719"));
        assertThat(first.volume()).isEqualTo(new BigDecimal("893249984"));
        Candle last = (Candle) sink.written.get(2_585).value();
        assertThat(last.windowStart()).isEqualTo(Instant.parse("2024-12-07T00:00:00Z"));
        assertThat(sink.written.get(2_585).line()).isEqualTo(2_587);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Date,Open,High,Low,Close,Adj Close,Volume                    | 2024-01-02,10,12,9,11,11,5                         | 2024-01-03,11,13,10,12,12,6
            date,open,high,low,close,volume                              | 2024-01-02 00:00:00+00:00,10,12,9,11,5             | 2024-01-03 00:00:00+00:00,11,13,10,12,6
            Open time,Open,High,Low,Close,Volume,Close time,Quote asset volume | 1704153600000,10,12,9,11,5,1704239999999,55 | 1704240000000,11,13,10,12,6,1704326399999,66
            open_time,OPEN,HIGH,LOW,CLOSE,VOL                            | 1704153600,10,12,9,11,5                            | 1704240000,11,13,10,12,6
            TIMESTAMP,Open,High,Low,Close,Volume                         | 2024-01-02T00:00:00Z,10,12,9,11,5                  | 2024-01-03T00:00:00Z,11,13,10,12,6
            unix,date,symbol,open,high,low,close,Volume                  | 1704153600,2024-01-02 00:00:00,ETH/USD,10,12,9,11,5 | 1704240000,2024-01-03 00:00:00,ETH/USD,11,13,10,12,6
            Time,Open,High,Low,Close                                     | 2024-01-02T01:00:00+01:00,10,12,9,11               | 2024-01-03T01:00:00+01:00,11,13,10,12
            """)
    void headerVariantsOfExchangesAndDataSitesAllReadAsTheSameDailyCandles(String header, String day1, String day2)
            throws IOException {
        Path file = write(header, day1, day2);
        CollectingSink sink = new CollectingSink();
        Duration interval = new OhlcvFile(file, ETH).importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(interval).isEqualTo(Duration.ofDays(1));
        List<Candle> candles = sink.values(Candle.class);
        assertThat(candles).extracting(Candle::instrument, Candle::windowStart, Candle::windowEnd, Candle::close)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("import:ETH-USD", Instant.parse("2024-01-02T00:00:00Z"),
                                Instant.parse("2024-01-03T00:00:00Z"), new BigDecimal("11")),
                        org.assertj.core.api.Assertions.tuple("import:ETH-USD", Instant.parse("2024-01-03T00:00:00Z"),
                                Instant.parse("2024-01-04T00:00:00Z"), new BigDecimal("12")));
        assertThat(candles.get(0).volume()).isEqualTo(header.toLowerCase().contains("vol") ? new BigDecimal("5") : null);
    }

    @Test
    void badRowsAreReportedWithTheirLineAndReasonAndTheRestImported() throws IOException {
        Path file = write("Date,Open,High,Low,Close,Volume",
                "2024-01-01,10,12,9,11,5",
                "",
                "2024-01-02,10,12,9",
                "2024-01-03,ten,12,9,11,5",
                "yesterday,10,12,9,11,5",
                "2024-01-05,10,8,9,9,5",
                "2024-01-06,13,12,9,11,5",
                "2024-01-07,10,12,9,11,-5",
                "2024-01-08,0,12,0,11,5",
                "2024-01-09,,12,9,11,5",
                "2024-01-10,10,12,9,\"11",
                "2024-01-11,10,12,9,11,5");
        CollectingSink sink = new CollectingSink();
        new OhlcvFile(file, ETH.withInterval(Duration.ofDays(1))).importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::line).containsExactly(2);
        assertThat(sink.rejected).extracting(BadRow::toString).containsExactly(
                "line 4: expected 6 fields as in the header, got 4",
                "line 5: Open \"ten\" is not a number",
                "line 6: \"yesterday\" is not a time: epoch seconds, milliseconds or microseconds, ISO-8601 "
                        + "(2017-11-09, 2017-11-09T00:00:00Z, 2017-11-09 00:00:00+00:00), or a date and hour "
                        + "(2020-02-25 12-AM)",
                "line 7: high 8 is below low 9",
                "line 8: open 13 is outside low 9 to high 12",
                "line 9: Volume -5 is negative",
                "line 10: Open 0 is not positive",
                "line 11: Open is empty",
                "line 12: a quoted field opened on line 12 is not closed before the end of the file");
        assertThat(sink.rejected.get(8).raw()).isEqualTo("2024-01-10,10,12,9,\"11\n2024-01-11,10,12,9,11,5");
    }

    @Test
    void theIntervalIsTheMostCommonGapInEitherOrderUnlessGiven() throws IOException {
        // newest first, as some sites export, with one missing hour
        Path file = write("timestamp,open,high,low,close",
                "2024-01-01T05:00:00Z,1,1,1,1", "2024-01-01T04:00:00Z,1,1,1,1", "2024-01-01T02:00:00Z,1,1,1,1",
                "2024-01-01T01:00:00Z,1,1,1,1");
        CollectingSink inferred = new CollectingSink();
        assertThat(new OhlcvFile(file, ETH).importTo(inferred)).isEqualTo(Duration.ofHours(1));
        // written oldest first: line 5 first, line 2 last
        assertThat(inferred.written).extracting(CollectingSink.Written::line).containsExactly(5, 4, 3, 2);
        assertThat(((Candle) inferred.written.get(3).value()).windowEnd()).isEqualTo(Instant.parse("2024-01-01T06:00:00Z"));

        CollectingSink given = new CollectingSink();
        assertThat(new OhlcvFile(file, ETH.withInterval(Duration.ofMinutes(30))).importTo(given))
                .isEqualTo(Duration.ofMinutes(30));
        assertThat(((Candle) given.written.get(3).value()).windowEnd()).isEqualTo(Instant.parse("2024-01-01T05:30:00Z"));
    }

    @Test
    void aFileInTimeOrderIsWrittenAsItIsRead() throws IOException {
        Path file = write("time,open,high,low,close", "0,1,1,1,1", "60,1,1,1,1", "60,2,2,2,2", "180,1,1,1,1");
        CollectingSink sink = new CollectingSink();
        new OhlcvFile(file, ETH).importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::line).containsExactly(2, 3, 4, 5);
    }

    @Test
    void aTieBetweenGapsIsTheShorter() throws IOException {
        Path file = write("time,open,high,low,close", "0,1,1,1,1", "60,1,1,1,1", "180,1,1,1,1");
        assertThat(new OhlcvFile(file, ETH).importTo(new CollectingSink())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void symbolAndExchangeColumnsWinOverTheOptionsWhichFillTheirBlanks() throws IOException {
        Path file = write("date,symbol,exchange,open,high,low,close",
                "2024-01-01,btc/usd,Kraken,1,1,1,1", "2024-01-02,,,1,1,1,1", "2024-01-03,BTC,kraken,1,1,1,1");
        CollectingSink sink = new CollectingSink();
        new OhlcvFile(file, ETH.withExchange("bitstamp")).importTo(sink);

        assertThat(sink.written).extracting(CollectingSink.Written::key).containsExactly("kraken:BTC-USD", "bitstamp:ETH-USD");
        assertThat(sink.rejected).extracting(BadRow::toString)
                .containsExactly("line 4: symbol \"BTC\" is not BASE-QUOTE, e.g. BTC-USD");
    }

    @Test
    void aFileWithoutSymbolNeedsTheOption() throws IOException {
        Path file = write("Date,Open,High,Low,Close", "2024-01-01,1,1,1,1");

        assertThatThrownBy(() -> new OhlcvFile(file, ImportOptions.defaults()).importTo(new CollectingSink()))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessage("the file has no symbol column ([symbol, pair]): give the symbol, e.g. --symbol ETH-USD");
        assertThatThrownBy(() -> new OhlcvFile(file, ImportOptions.defaults().withSymbol("ETH")))
                .isInstanceOf(ImportRefusedException.class).hasMessage("symbol \"ETH\" is not BASE-QUOTE, e.g. BTC-USD");
    }

    @Test
    void aHeaderWithoutTimeOrPricesAndAFileOfOneRowAreRefused() throws IOException {
        assertThatThrownBy(() -> new OhlcvFile(write("day,open,high,low,close", "1,1,1,1,1"), ETH)
                .importTo(new CollectingSink())).isInstanceOf(ImportRefusedException.class)
                .hasMessage("the header [day, open, high, low, close] has no time column: name it one of "
                        + "[unix timestamp, unix, timestamp, open time, time, datetime, date time, date]");
        assertThatThrownBy(() -> new OhlcvFile(write("date,open,high,low", "2024-01-01,1,1,1"), ETH)
                .importTo(new CollectingSink())).isInstanceOf(ImportRefusedException.class)
                .hasMessage("the header [date, open, high, low] lacks one of open, high, low, close");
        assertThatThrownBy(() -> new OhlcvFile(write("date,open,high,low,close", "2024-01-01,1,1,1,1"), ETH)
                .importTo(new CollectingSink())).isInstanceOf(ImportRefusedException.class)
                .hasMessage("cannot infer the candle interval: the file has fewer than two rows with distinct times; "
                        + "give it, e.g. --interval 1d");
    }

    /** An hourly CryptoDataDownload export as the site serves it: a credit line, newest first, 12-hour times. */
    static final String[] CDD_HOURLY = {
            "https://www.CryptoDataDownload.com",
            "Date,Symbol,Open,High,Low,Close,Volume ETH,Volume USD",
            "2020-02-25 01-PM,ETHUSD,259.96,261.5,258.02,260.91,3127.21,813447.59",
            "2020-02-25 12-PM,ETHUSD,262.07,262.5,259.2,259.96,2872.53,749003.29",
            "2020-02-25 11-AM,ETHUSD,263.43,264.01,261.31,262.07,2316.65,607913.72",
            "2020-02-25 01-AM,ETHUSD,265.07,266.68,264.2,266.3,1502.18,399204.6",
            "2020-02-25 12-AM,ETHUSD,265.97,266.3,264.65,265.07,1094.34,290215.32",
            "2020-02-24 11-PM,ETHUSD,264.9,266.25,264.51,265.97,1375.91,365136.75"};

    @Test
    void aCryptoDataDownloadHourlyExportImportsEveryRowAsHourlyCandlesOldestFirst() throws IOException {
        CollectingSink sink = new CollectingSink();
        Duration interval = new OhlcvFile(write(CDD_HOURLY), ImportOptions.defaults().withExchange("coinbase"))
                .importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(interval).isEqualTo(Duration.ofHours(1));
        List<Candle> candles = sink.values(Candle.class);
        assertThat(candles).hasSize(6);
        assertThat(candles).extracting(Candle::instrument).containsOnly("coinbase:ETH-USD");
        assertThat(candles).extracting(Candle::windowStart).containsExactly(Instant.parse("2020-02-24T23:00:00Z"),
                Instant.parse("2020-02-25T00:00:00Z"), Instant.parse("2020-02-25T01:00:00Z"),
                Instant.parse("2020-02-25T11:00:00Z"), Instant.parse("2020-02-25T12:00:00Z"),
                Instant.parse("2020-02-25T13:00:00Z"));
        // the base asset's volume, not the quote's
        assertThat(candles.get(1).volume()).isEqualTo(new BigDecimal("1094.34"));
        assertThat(candles.get(1).close()).isEqualTo(new BigDecimal("265.07"));
        assertThat(sink.written.get(0).line()).isEqualTo(8);
    }

    @Test
    void aNewerCryptoDataDownloadExportIsReadByItsUnixTimestampInMilliseconds() throws IOException {
        CollectingSink sink = new CollectingSink();
        new OhlcvFile(write("https://www.CryptoDataDownload.com",
                "Unix Timestamp,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USDT",
                "1617235200000,2021-04-01 00:00:00,BTCUSDT,58800.01,59000,58700,58900.5,120.5,7096000.25",
                "1617231600000,2021-03-31 23:00:00,BTCUSDT,58700,58850,58600,58800.01,98.25,5772000"),
                ImportOptions.defaults().withExchange("binance")).importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.values(Candle.class)).extracting(Candle::instrument, Candle::windowStart, Candle::volume)
                .containsExactly(tuple("binance:BTC-USDT", Instant.parse("2021-03-31T23:00:00Z"), new BigDecimal("98.25")),
                        tuple("binance:BTC-USDT", Instant.parse("2021-04-01T00:00:00Z"), new BigDecimal("120.5")));
    }

    @Test
    void aBinanceKlineDumpHasNoHeaderAndTakesItsPairAndIntervalFromTheFileName() throws IOException {
        // a data.binance.vision spot dump: 12 columns, open time in µs (from 2025; ms before)
        Path file = Files.writeString(dir.resolve("BTCUSDT-1h-2025-01.csv"), String.join("\n",
                "1735689600000000,93576.00,94509.42,93489.03,94401.14,755.99010,1735693199999999,71131853.53,131233,"
                        + "416.32345,39172185.53,0",
                "1735693200000000,94401.13,94776.00,94211.66,94414.61,569.51669,1735696799999999,53847012.40,95711,"
                        + "258.75890,24467313.35,0") + "\n");
        CollectingSink sink = new CollectingSink();

        Duration interval = new OhlcvFile(file, ImportOptions.defaults(),
                ExchangeDump.of(FileFormat.BINANCE_KLINES, file)).importTo(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(interval).isEqualTo(Duration.ofHours(1));
        assertThat(sink.values(Candle.class)).extracting(Candle::instrument, Candle::windowStart, Candle::close,
                Candle::volume).containsExactly(
                tuple("binance:BTC-USDT", Instant.parse("2025-01-01T00:00:00Z"), new BigDecimal("94401.14"),
                        new BigDecimal("755.99010")),
                tuple("binance:BTC-USDT", Instant.parse("2025-01-01T01:00:00Z"), new BigDecimal("94414.61"),
                        new BigDecimal("569.51669")));
        assertThat(sink.written.get(0).line()).isEqualTo(1);
    }

    @Test
    void aKrakenOhlcvtExportMapsKrakensAssetNamesAndReadsUnixSeconds() throws IOException {
        Path file = Files.writeString(dir.resolve("XBTUSD_60.csv"),
                "1381017600,122.0,123.5,121.9,123.0,3.25,4\n1381021200,123.0,124.0,122.5,123.8,1.5,2\n");
        CollectingSink sink = new CollectingSink();

        Duration interval = new OhlcvFile(file, ImportOptions.defaults(),
                ExchangeDump.of(FileFormat.KRAKEN_OHLCVT, file)).importTo(sink);

        assertThat(interval).isEqualTo(Duration.ofHours(1));
        assertThat(sink.values(Candle.class)).extracting(Candle::instrument, Candle::windowStart, Candle::windowEnd)
                .containsExactly(
                        tuple("kraken:BTC-USD", Instant.parse("2013-10-06T00:00:00Z"), Instant.parse("2013-10-06T01:00:00Z")),
                        tuple("kraken:BTC-USD", Instant.parse("2013-10-06T01:00:00Z"), Instant.parse("2013-10-06T02:00:00Z")));
    }

    @Test
    void aDumpWhoseNameDoesNotSayThePairNeedsTheSymbolAndTheOptionsWinOverTheName() throws IOException {
        Path unnamed = Files.writeString(dir.resolve("download.csv"), "1381017600,1,1,1,1,1,1\n1381021200,1,1,1,1,1,1\n");
        assertThatThrownBy(() -> new OhlcvFile(unnamed, ImportOptions.defaults(),
                ExchangeDump.of(FileFormat.KRAKEN_OHLCVT, unnamed)).importTo(new CollectingSink()))
                .isInstanceOf(ImportRefusedException.class)
                .hasMessage("the file name download.csv does not say the pair: give the symbol, e.g. --symbol ETH-USD");

        Path named = Files.writeString(dir.resolve("ETHXBT_1440.csv"), "1381017600,1,1,1,1,1,1\n");
        CollectingSink sink = new CollectingSink();
        new OhlcvFile(named, ImportOptions.defaults().withExchange("archive").withInterval(Duration.ofDays(7)),
                ExchangeDump.of(FileFormat.KRAKEN_OHLCVT, named)).importTo(sink);
        assertThat(sink.values(Candle.class)).extracting(Candle::instrument, Candle::interval)
                .containsExactly(tuple("archive:ETH-BTC", Duration.ofDays(7)));

        assertThatThrownBy(() -> ExchangeDump.of(FileFormat.BINANCE_KLINES, dir.resolve("BTCUSDT-1mo-2024-01.csv")))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("monthly klines");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ETHUSD,ETH-USD", "BTCUSDT,BTC-USDT", "XBTUSD,XBT-USD", "BTC-TUSD,BTC-TUSD", "ETHBTC,ETH-BTC", "eth/usd,ETH-USD", "SOLEUR,SOL-EUR"})
    void runTogetherSymbolsAreSplitBeforeTheirQuoteCurrency(String written, String symbol) {
        assertThat(OhlcvFile.symbol(written)).isEqualTo(symbol);
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(dir, "ohlcv", ".csv");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** Found by {@link HistoryFileProperties}: a byte that is not UTF-8 escaped as a raw MalformedInputException. */
    @Test
    void aFileThatIsNotUtf8IsRefusedNotAnIoError() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, "Date,Open,High,Low,Close,Volume\n2020-01-01,1,2,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new OhlcvFile(file, ETH).importTo(new CollectingSink()))
                .isInstanceOf(ImportRefusedException.class).hasMessageContaining("not UTF-8");
    }

    /** Found by {@link HistoryFileProperties}: a price of 10^20 was imported as a candle. */
    @Test
    void anAbsurdPriceIsABadRow() throws IOException {
        Path file = dir.resolve("absurd.csv");
        Files.writeString(file, "Date,Open,High,Low,Close,Volume\n2020-01-01,1,99999999999999999999,0.5,1.5,10\n2020-01-02,1,2,0.5,1.5,10\n2020-01-03,1,2,0.5,1.5,10\n");
        CollectingSink sink = new CollectingSink();

        new OhlcvFile(file, ETH).importTo(sink);

        assertThat(sink.written).hasSize(2);
        assertThat(sink.rejected).extracting(BadRow::detail).singleElement()
                .isEqualTo("High 99999999999999999999 is above the plausible maximum 1000000000000");
    }
}
