package dev.rigwatch.streams.candles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rigwatch.events.Candle;
import dev.rigwatch.events.Topic;
import dev.rigwatch.events.TopicNamespace;
import dev.rigwatch.events.Topics;
import dev.rigwatch.events.kafka.StreamsStage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The 1-hour and 1-day roll-ups fed 1-minute candles directly, stamped with their window end as on their topic, so
 * that any order of minutes can be tried. The roll-up grace is 2 min: an hour closes once a minute starting at
 * hour end + 2 min has arrived.
 */
class RollUpTopologyTest {

    private static final String BTC = "coinbase:BTC-USD";
    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Instant T12_00 = Instant.parse("2026-03-02T12:00:00Z");
    private static final Instant T13_00 = Instant.parse("2026-03-02T13:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Candle> minutes;
    private TestOutputTopic<String, Candle> hours;
    private TestOutputTopic<String, Candle> days;
    private TestOutputTopic<String, Candle> live;
    private final ListAppender<ILoggingEvent> lateCandleLog = new ListAppender<>();
    private final Logger lateCandleLogger = (Logger) LoggerFactory.getLogger(LateCandleMonitor.class);

    @BeforeEach
    void setUp() {
        Topic<String, Candle> oneMinute = Topics.CRYPTO_CANDLES_1M;
        StreamsBuilder builder = new StreamsBuilder();
        CandleRollUps.addTo(builder.stream(oneMinute.name(),
                Consumed.with(oneMinute.keySerde(), oneMinute.valueSerde()).withName("test-candles-1m-source")),
                TopicNamespace.PRODUCTION, GRACE);
        driver = new TopologyTestDriver(builder.build(),
                StreamsStage.properties("localhost:9", "rigwatch-rollup-test", stateDir, Duration.ofMillis(100),
                        TopicNamespace.PRODUCTION));
        minutes = driver.createInputTopic(oneMinute.name(), oneMinute.keySerde().serializer(),
                oneMinute.valueSerde().serializer());
        hours = output(Topics.CRYPTO_CANDLES_1H);
        days = output(Topics.CRYPTO_CANDLES_1D);
        live = output(Topics.CRYPTO_CANDLES_LIVE);
        lateCandleLog.start();
        lateCandleLogger.addAppender(lateCandleLog);
    }

    @AfterEach
    void tearDown() {
        lateCandleLogger.detachAppender(lateCandleLog);
        driver.close();
    }

    @Test
    void hourRollsUpItsSixtyMinutesIncludingTheOneStampedOnTheHour() {
        for (int i = 0; i < 60; i++) {
            int open = 1000 + i;
            String high = i == 17 ? "2000" : Integer.toString(open + 2);
            String low = i == 42 ? "500" : Integer.toString(open - 1);
            long ticks = i == 59 ? 5 : 2;
            pipe(minute(T12_00.plus(Duration.ofMinutes(i)), Integer.toString(open), high, low,
                    Integer.toString(open + 1), null, ticks));
        }
        pipe(minute(T13_00, "1", "1", "1", "1", null, 1));
        pipe(minute(T13_00.plus(Duration.ofMinutes(1)), "1", "1", "1", "1", null, 1));
        assertThat(hours.isEmpty()).as("the hour is open until a minute starting at 13:02 arrives").isTrue();

        pipe(minute(T13_00.plus(GRACE), "1", "1", "1", "1", null, 1));

        // open from 12:00, close from 12:59 (stamped 13:00), high from 12:17, low from 12:42; 59 × 2 + 5 ticks
        assertThat(hours.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(tuple(BTC, candle(Duration.ofHours(1), T12_00, "1000", "2000", "500", "1060", null, 123),
                        T13_00));
    }

    @Test
    void minutesEitherSideOfTheHourGoToTheHourTheyStartIn() {
        pipe(minute(T13_00.minus(Duration.ofMinutes(1)), "100", "100", "100", "100", null, 1));
        pipe(minute(T13_00, "101", "101", "101", "101", null, 1));
        pipe(minute(T13_00.plus(Duration.ofHours(1)).plus(GRACE), "102", "102", "102", "102", null, 1));

        assertThat(hours.readRecordsToList())
                .extracting(TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(candle(Duration.ofHours(1), T12_00, "100", "100", "100", "100", null, 1), T13_00),
                        tuple(candle(Duration.ofHours(1), T13_00, "101", "101", "101", "101", null, 1),
                                T13_00.plus(Duration.ofHours(1))));
    }

    @Test
    void lateMinuteWithinGraceIsRolledUpAndOneAfterGraceIsDroppedCountedAndLogged() {
        pipe(minute(at("12:20"), "100", "105", "99", "104", null, 3));
        pipe(minute(at("13:01"), "1", "1", "1", "1", null, 1));
        pipe(minute(at("12:05"), "98", "101", "97", "100", null, 2)); // late, within grace: the earliest minute
        pipe(minute(at("13:02"), "1", "1", "1", "1", null, 1)); // closes [12:00, 13:00)
        pipe(minute(at("12:40"), "110", "120", "90", "95", null, 4)); // after the hour's grace

        assertThat(hours.readValuesToList())
                .containsExactly(candle(Duration.ofHours(1), T12_00, "98", "105", "97", "104", null, 5));
        assertThat(droppedRecords()).isEqualTo(1.0);
        // the test driver runs every sub-topology in the one task 0_0
        assertThat(lateCandleLog.list)
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.WARN, "Candle of coinbase:BTC-USD [2026-03-02T12:40:00Z, "
                        + "2026-03-02T12:41:00Z) is too late for 1h candle [2026-03-02T12:00:00Z, 2026-03-02T13:00:00Z) "
                        + "that closed at 2026-03-02T13:02:00Z (stream time 2026-03-02T13:02:00Z): dropped; "
                        + "1 late candles so far in task 0_0"));
        // the day is open for hours yet and takes the minute the hour had to drop
        List<Candle> liveDays = live.readValuesToList().stream()
                .filter(c -> c.interval().equals(Duration.ofDays(1))).toList();
        assertThat(liveDays.get(liveDays.size() - 1))
                .isEqualTo(candle(Duration.ofDays(1), at("00:00"), "98", "120", "1", "1", null, 11));
    }

    @Test
    void daysFollowUtcMidnight() {
        Instant march3 = Instant.parse("2026-03-03T00:00:00Z");
        Instant march4 = Instant.parse("2026-03-04T00:00:00Z");
        pipe(minute(march3.minus(Duration.ofMinutes(1)), "100", "100", "100", "100", null, 1));
        pipe(minute(march3, "101", "101", "101", "101", null, 1));
        pipe(minute(march4.plus(GRACE), "102", "102", "102", "102", null, 1));

        assertThat(days.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(BTC, candle(Duration.ofDays(1), march3.minus(Duration.ofDays(1)), "100", "100", "100",
                                "100", null, 1), march3),
                        tuple(BTC, candle(Duration.ofDays(1), march3, "101", "101", "101", "101", null, 1), march4));
    }

    @Test
    void volumeIsSummedOverTheMinutesThatHaveOneAndNullWhenNoneHas() {
        pipe(minute(at("12:00"), "100", "100", "100", "100", "1.5", 0));
        pipe(minute(at("12:01"), "100", "100", "100", "100", null, 2));
        pipe(minute(at("12:02"), "100", "100", "100", "100", "2.25", 0));
        pipe(minute(at("13:00"), "100", "100", "100", "100", null, 1));
        pipe(minute(at("14:02"), "100", "100", "100", "100", null, 1));

        assertThat(hours.readValuesToList()).extracting(Candle::volume)
                .containsExactly(new BigDecimal("3.75"), null);
    }

    @Test
    void eachMinuteUpdatesTheFormingHourAndDayOnTheLiveTopicStampedWithTheMinutesEnd() {
        pipe(minute(at("12:00"), "100", "102", "99", "101", null, 3));
        pipe(minute(at("12:01"), "101", "104", "100", "103", null, 2));

        Instant day = at("00:00");
        assertThat(live.readRecordsToList())
                .extracting(TestRecord::key, TestRecord::value, TestRecord::getRecordTime)
                .containsExactly(
                        tuple(BTC, candle(Duration.ofHours(1), T12_00, "100", "102", "99", "101", null, 3), at("12:01")),
                        tuple(BTC, candle(Duration.ofDays(1), day, "100", "102", "99", "101", null, 3), at("12:01")),
                        tuple(BTC, candle(Duration.ofHours(1), T12_00, "100", "104", "99", "103", null, 5), at("12:02")),
                        tuple(BTC, candle(Duration.ofDays(1), day, "100", "104", "99", "103", null, 5), at("12:02")));
        assertThat(hours.isEmpty()).isTrue();
        assertThat(days.isEmpty()).isTrue();
    }

    private TestOutputTopic<String, Candle> output(Topic<String, Candle> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    /** Pipes a 1-minute candle as its topic carries it: stamped with its window end. */
    private void pipe(Candle minute) {
        minutes.pipeInput(minute.instrument(), minute, minute.windowEnd());
    }

    private double droppedRecords() {
        return driver.metrics().entrySet().stream()
                .filter(e -> e.getKey().name().equals("dropped-records-total")
                        && e.getKey().group().equals("stream-task-metrics"))
                .mapToDouble(e -> (Double) e.getValue().metricValue())
                .sum();
    }

    /** A time on 2 March 2026, {@code HH:mm} UTC. */
    private static Instant at(String time) {
        return Instant.parse("2026-03-02T" + time + ":00Z");
    }

    private static Candle minute(Instant start, String open, String high, String low, String close, String volume,
                                 long ticks) {
        return candle(Duration.ofMinutes(1), start, open, high, low, close, volume, ticks);
    }

    static Candle candle(Duration interval, Instant start, String open, String high, String low, String close,
                         String volume, long ticks) {
        return new Candle(Candle.VERSION, BTC, interval, start, start.plus(interval), new BigDecimal(open),
                new BigDecimal(high), new BigDecimal(low), new BigDecimal(close),
                volume == null ? null : new BigDecimal(volume), ticks);
    }
}
