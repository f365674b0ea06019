package dev.rigwatch.streams.signal.rebound;

import dev.rigwatch.testing.TestData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rigwatch.events.Candle;
import dev.rigwatch.events.ReboundSignal;
import dev.rigwatch.events.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default parameters on real history: daily ETH-USD candles 2017-11-09 to 2024-12-07 (a yfinance export, see
 * {@code data/}), through the daily rebound series as production wires it (from {@code crypto.candles.1d}).
 */
class ReboundCalibrationTest {

    private static final Logger log = LoggerFactory.getLogger(ReboundCalibrationTest.class);
    private static final String ETH = "coinbase:ETH-USD";
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path stateDir;

    @Test
    void defaultsFireOnDailyEthAfterEachBigBottomOnly() throws IOException {
        List<Candle> days = ethDaily();
        assertThat(days).hasSize(2586);

        List<ReboundSignal> signals;
        try (ReboundDriver rebound = ReboundDriver.candles(stateDir, Topics.CRYPTO_CANDLES_1D, DAY,
                ReboundConfig.defaults())) {
            TestInputTopic<String, Candle> candles = rebound.input(Topics.CRYPTO_CANDLES_1D);
            days.forEach(day -> candles.pipeInput(ETH, day, day.windowEnd()));
            signals = rebound.signals.readValuesToList();
        }
        signals.forEach(s -> log.info("ETH rebound confirmed on {}: peak {} on {}, trough {} on {}, close {}; "
                        + "drawdown {} %, recovery {} %, strength {}", day(s.confirmedWindowStart()), usd(s.peak()),
                day(s.peakTime().minus(DAY)), usd(s.trough()), day(s.troughTime().minus(DAY)), usd(s.price()),
                s.drawdownPct(), s.recoveryPct(), s.strength()));

        // confirming day, and the days of the peak and the trough it was measured between
        assertThat(signals)
                .extracting(s -> day(s.confirmedWindowStart()), s -> day(s.peakTime().minus(DAY)),
                        s -> day(s.troughTime().minus(DAY)))
                .containsExactly(
                        tuple("2018-02-15", "2018-01-13", "2018-02-05"),  // first leg down from the January 2018 top
                        tuple("2018-04-13", "2018-02-17", "2018-04-06"),  // the spring 2018 low
                        tuple("2018-09-22", "2018-07-17", "2018-09-12"),  // the September 2018 capitulation
                        tuple("2018-12-21", "2018-09-23", "2018-12-14"),  // the bear-market bottom at $84
                        tuple("2019-09-19", "2019-06-26", "2019-08-30"),  // after the summer 2019 rally faded
                        tuple("2020-04-03", "2020-02-14", "2020-03-16"),  // the March 2020 crash
                        tuple("2021-05-25", "2021-05-11", "2021-05-23"),  // the May 2021 crash
                        tuple("2022-02-06", "2021-11-09", "2022-01-22"),  // from the November 2021 top
                        tuple("2022-07-17", "2022-04-19", "2022-06-18")); // the June 2022 low at $994
        ReboundSignal june2022 = signals.get(8);
        assertThat(june2022.peak()).isEqualByComparingTo("3104.1064453125");
        assertThat(june2022.trough()).isEqualByComparingTo("993.6367797851562");
        assertThat(june2022.price()).isEqualByComparingTo("1338.6357421875");
        assertThat(june2022.drawdownPct()).isEqualTo(67.9896);
        assertThat(june2022.recoveryPct()).isEqualTo(34.7208);
        assertThat(june2022.strength()).isEqualTo(0.5902);
    }

    /** The export's rows as daily candles, prices parsed exactly from their decimal strings. */
    private static List<Candle> ethDaily() throws IOException {
        List<Candle> days = new ArrayList<>();
        try (BufferedReader csv = new BufferedReader(new InputStreamReader(
                TestData.stream("/data/history/eth-usd-daily-2017-2024.csv"),
                StandardCharsets.UTF_8))) {
            csv.readLine(); // Date,Open,High,Low,Close,Volume,Dividends,Stock Splits
            for (String line = csv.readLine(); line != null; line = csv.readLine()) {
                String[] f = line.split(",");
                // dates like 2017-11-09 00:00:00+00:00: UTC days
                Instant start = LocalDate.parse(f[0].substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
                days.add(new Candle(Candle.VERSION, ETH, DAY, start, start.plus(DAY), new BigDecimal(f[1]),
                        new BigDecimal(f[2]), new BigDecimal(f[3]), new BigDecimal(f[4]), new BigDecimal(f[5]), 0));
            }
        }
        return days;
    }

    private static String day(Instant start) {
        return LocalDate.ofInstant(start, ZoneOffset.UTC).toString();
    }

    private static String usd(BigDecimal price) {
        return price.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
