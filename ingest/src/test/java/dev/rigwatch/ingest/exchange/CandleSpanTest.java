package dev.rigwatch.ingest.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.Candle;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CandleSpanTest {

    private static final Instant T0 = Instant.parse("2023-11-24T14:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void holdsTheWholeWindowsInsideItsRangeAlignedToTheInterval() {
        CandleSpan span = new CandleSpan(T0.plusMillis(1), T0.plusSeconds(330), MINUTE);

        assertThat(span.firstStart()).isEqualTo(T0.plusSeconds(60));
        // 14:01 to 14:05:30: the windows 14:01, 14:02, 14:03 and 14:04; 14:05 ends after the span
        assertThat(span.windows()).isEqualTo(4);
        assertThat(new CandleSpan(T0, T0.plusSeconds(59), MINUTE).windows()).isZero();
        assertThat(new CandleSpan(Instant.parse("2023-11-24T14:02:11Z"), Instant.parse("2023-11-27T00:00:00Z"),
                Duration.ofDays(1)).firstStart()).isEqualTo("2023-11-25T00:00:00Z");
    }

    @Test
    void splitsIntoPagesOfAtMostTheWindowsAnEndpointAllows() {
        CandleSpan span = new CandleSpan(T0, T0.plus(Duration.ofMinutes(7)), MINUTE);

        assertThat(span.pages(3)).containsExactly(
                new CandleSpan(T0, T0.plus(Duration.ofMinutes(3)), MINUTE),
                new CandleSpan(T0.plus(Duration.ofMinutes(3)), T0.plus(Duration.ofMinutes(6)), MINUTE),
                new CandleSpan(T0.plus(Duration.ofMinutes(6)), T0.plus(Duration.ofMinutes(7)), MINUTE));
        assertThat(span.pages(7)).containsExactly(span);
        assertThat(new CandleSpan(T0, T0.plusSeconds(30), MINUTE).pages(3)).isEmpty();
    }

    @Test
    void selectsTheWindowsAskedOldestFirstTheLaterFetchOfAWindowWinning() {
        CandleSpan span = new CandleSpan(T0, T0.plus(Duration.ofMinutes(3)), MINUTE);
        Candle before = candle(T0.minusSeconds(60), "1");
        Candle first = candle(T0, "2");
        Candle thirdEarlier = candle(T0.plusSeconds(120), "3");
        Candle second = candle(T0.plusSeconds(60), "4");
        Candle thirdLater = candle(T0.plusSeconds(120), "5");
        Candle after = candle(T0.plusSeconds(180), "6");
        Candle hourly = new Candle(Candle.VERSION, "x:BTC-USD", Duration.ofHours(1), T0, T0.plus(Duration.ofHours(1)),
                BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 0);

        assertThat(span.select(List.of(after, thirdEarlier, first, before, second, thirdLater, hourly)))
                .containsExactly(first, second, thirdLater);
    }

    @Test
    void rejectsAnEmptyRangeOrAnIntervalThatIsNotWholeSeconds() {
        assertThatThrownBy(() -> new CandleSpan(T0, T0, MINUTE))
                .hasMessage("candles need from before to, were 2023-11-24T14:00:00Z and 2023-11-24T14:00:00Z");
        assertThatThrownBy(() -> new CandleSpan(T0, T0.plusSeconds(60), Duration.ofMillis(1500)))
                .hasMessage("candle interval must be a positive number of seconds, was PT1.5S");
        assertThatThrownBy(() -> new CandleSpan(T0, T0.plusSeconds(60), Duration.ZERO))
                .hasMessage("candle interval must be a positive number of seconds, was PT0S");
    }

    private static Candle candle(Instant start, String close) {
        BigDecimal price = new BigDecimal(close);
        return new Candle(Candle.VERSION, "x:BTC-USD", MINUTE, start, start.plus(MINUTE), price, price, price, price,
                BigDecimal.ONE, 0);
    }
}
