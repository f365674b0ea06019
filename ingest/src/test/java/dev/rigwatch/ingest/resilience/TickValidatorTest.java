package dev.rigwatch.ingest.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigwatch.events.CryptoTick;
import dev.rigwatch.events.TimeSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TickValidatorTest {

    private static final Instant RECEIVED = Instant.parse("2024-03-12T12:00:00Z");

    private final TickValidator validator = new TickValidator(TickValidator.Settings.defaults());

    @ParameterizedTest(name = "price {0}, bid {1}, ask {2}, exchange time {3} ms from receipt: {4}")
    @CsvSource(delimiter = '|', textBlock = """
            100              | 99.99  | 100.01 |           | valid
            100              | 99.99  | 100.01 | -1000     | valid
            100              | 100    | 100    | -1000     | valid
            1E+12            |        |        | -1000     | valid
            0                |        |        | -1000     | invalid-price: price 0 is not positive
            -5.5             |        |        | -1000     | invalid-price: price -5.5 is not positive
            1000000000000.01 |        |        | -1000     | invalid-price: price 1000000000000.01 is above the plausible maximum 1000000000000
            100              | 0      | 100.01 | -1000     | invalid-price: bid 0 is not positive
            100              | 99.99  | 2E+12  | -1000     | invalid-price: ask 2000000000000 is above the plausible maximum 1000000000000
            100              | 100.02 | 100.01 | -1000     | invalid-price: bid 100.02 is above ask 100.01 (a crossed book)
            0                |        |        | -300001   | invalid-price: price 0 is not positive
            100              |        |        | 30000     | valid
            100              |        |        | 30001     | clock-skew: exchange time 2024-03-12T12:00:30.001Z is PT30.001S after the received time 2024-03-12T12:00:00Z (max PT30S)
            100              |        |        | -300000   | valid
            100              |        |        | -300001   | stale: exchange time 2024-03-12T11:54:59.999Z is PT5M0.001S before the received time 2024-03-12T12:00:00Z (max PT5M)
            100              |        |        | -86400000 | stale: exchange time 2024-03-11T12:00:00Z is PT24H before the received time 2024-03-12T12:00:00Z (max PT5M)
            """)
    void aTickOnItsOwn(String price, String bid, String ask, Long exchangeOffsetMillis, String expected) {
        CryptoTick tick = tick("BTC-USD", price, bid, ask, exchangeTime(exchangeOffsetMillis));

        assertThat(describe(validator.validate(tick))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "price {0}, exchange time {1} ms from receipt: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            150    | -5000  | valid
            50     | -5000  | valid
            150.01 | -5000  | price-jump: price 150.01 is 50.01 % from the last good 100 (max 50 %); 1 of 3 consecutive ticks needed to accept a new level
            49.99  | -5000  | price-jump: price 49.99 is 50.01 % from the last good 100 (max 50 %); 1 of 3 consecutive ticks needed to accept a new level
            1000   | -5000  | price-jump: price 1000 is 900.00 % from the last good 100 (max 50 %); 1 of 3 consecutive ticks needed to accept a new level
            10     | -5000  | price-jump: price 10 is 90.00 % from the last good 100 (max 50 %); 1 of 3 consecutive ticks needed to accept a new level
            1000   |        | price-jump: price 1000 is 900.00 % from the last good 100 (max 50 %); 1 of 3 consecutive ticks needed to accept a new level
            101    | -10000 | valid
            101    |        | valid
            101    | -10001 | out-of-order: exchange time 2024-03-12T11:59:49.999Z is before the last good tick's 2024-03-12T11:59:50Z
            1000   | -10001 | out-of-order: exchange time 2024-03-12T11:59:49.999Z is before the last good tick's 2024-03-12T11:59:50Z
            """)
    void aTickAfterTheLastGoodOneAt100TenSecondsBeforeReceipt(String price, Long exchangeOffsetMillis,
                                                             String expected) {
        assertThat(validator.validate(tick("BTC-USD", "100", null, null, exchangeTime(-10_000L))))
                .isEqualTo(new TickVerdict.Valid());

        CryptoTick tick = tick("BTC-USD", price, null, null, exchangeTime(exchangeOffsetMillis));

        assertThat(describe(validator.validate(tick))).isEqualTo(expected);
    }

    @Test
    void aHugeExponentIsRejectedWithAShortDetail() {
        // found by ExchangeResponseProperties: a Bitstamp bid of 1e999999999 made a billion-character detail
        assertThat(check(0, "1e999999999")).isEqualTo(
                "invalid-price: price 1E+999999999 is above the plausible maximum 1000000000000");
        assertThat(check(0, "-1e999999999")).isEqualTo("invalid-price: price -1E+999999999 is not positive");
        assertThat(TickValidator.text(new BigDecimal("37401.10"))).isEqualTo("37401.10");
    }

    @Test
    void aRejectedTickDoesNotMoveTheBaseline() {
        assertThat(check(0, "100")).isEqualTo("valid");
        assertThat(check(1, "1000")).startsWith("price-jump: price 1000 is 900.00 % from the last good 100 ");
        assertThat(check(2, "101")).as("judged against 100, not 1000").isEqualTo("valid");

        assertThat(check(10, "102")).isEqualTo("valid");
        assertThat(check(5, "103")).startsWith("out-of-order: exchange time 2024-03-12T11:59:05Z");
        assertThat(check(7, "103")).as("judged against second 10, not 5")
                .isEqualTo("out-of-order: exchange time 2024-03-12T11:59:07Z is before the last good tick's "
                        + "2024-03-12T11:59:10Z");
    }

    @Test
    void threeTicksInARowAgreeingOnANewLevelMakeItTheBaseline() {
        try (CapturedLogs logs = new CapturedLogs(TickValidator.class)) {
            assertThat(check(0, "100")).isEqualTo("valid");
            assertThat(check(1, "45")).endsWith("; 1 of 3 consecutive ticks needed to accept a new level");
            assertThat(check(2, "0")).as("other rejections neither count nor reset the jumps")
                    .isEqualTo("invalid-price: price 0 is not positive");
            assertThat(check(3, "46")).endsWith("; 2 of 3 consecutive ticks needed to accept a new level");
            assertThat(check(4, "44.5")).isEqualTo("valid");

            assertThat(check(5, "45.5")).as("judged against 44.5").isEqualTo("valid");
            assertThat(check(6, "100")).startsWith("price-jump: price 100 is 119.78 % from the last good 45.5 ");
            assertThat(logs.lines()).containsExactly("WARN Accepted a new price level for coinbase:BTC-USD: 44.5 "
                    + "after 3 ticks in a row agreed on it, 55.50 % from the last good 100");
        }
    }

    @Test
    void aNormalTickStartsTheJumpCountAgain() {
        check(0, "100");
        assertThat(check(1, "45")).endsWith("; 1 of 3 consecutive ticks needed to accept a new level");
        assertThat(check(2, "101")).isEqualTo("valid");
        assertThat(check(3, "45")).endsWith("; 1 of 3 consecutive ticks needed to accept a new level");
        assertThat(check(4, "46")).endsWith("; 2 of 3 consecutive ticks needed to accept a new level");
    }

    @Test
    void jumpsThatDisagreeWithTheFirstJumpStartTheCountAgain() {
        check(0, "100");
        assertThat(check(1, "1000")).endsWith("; 1 of 3 consecutive ticks needed to accept a new level");
        assertThat(check(2, "45")).as("45 is not within 50 % of 1000")
                .endsWith("; 1 of 3 consecutive ticks needed to accept a new level");
        assertThat(check(3, "46")).endsWith("; 2 of 3 consecutive ticks needed to accept a new level");
        assertThat(check(4, "47")).isEqualTo("valid");
    }

    @Test
    void eachInstrumentHasItsOwnLastGoodTick() {
        assertThat(describe(validator.validate(tick("BTC-USD", "100", null, null, exchangeTime(-2000L)))))
                .isEqualTo("valid");
        assertThat(describe(validator.validate(tick("ETH-USD", "3", null, null, exchangeTime(-3000L)))))
                .as("neither a jump from BTC's 100 nor older than BTC's tick").isEqualTo("valid");
        CryptoTick kraken = new CryptoTick(CryptoTick.VERSION, "kraken", "BTC-USD", new BigDecimal("1000"), null,
                null, null, null, null, RECEIVED, TimeSource.RECEIPT);
        assertThat(describe(validator.validate(kraken))).isEqualTo("valid");
        assertThat(describe(validator.validate(tick("BTC-USD", "1000", null, null, exchangeTime(-1000L)))))
                .startsWith("price-jump: ");
    }

    @Test
    void concurrentTicksOfOneInstrumentAreCheckedOneAtATime() throws Exception {
        check(0, "100");
        CryptoTick jump = at(1, "45");
        int threads = 4;
        int perThread = 500;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> rejectedCounts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                rejectedCounts.add(pool.submit(() -> {
                    go.await();
                    int rejected = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (validator.validate(jump) instanceof TickVerdict.Invalid) {
                            rejected++;
                        }
                    }
                    return rejected;
                }));
            }
            go.countDown();
            int rejected = 0;
            for (Future<Integer> count : rejectedCounts) {
                rejected += count.get(10, TimeUnit.SECONDS);
            }

            // the 1st and 2nd of the 2000 are rejected, the 3rd sets the new level, the rest are within it
            assertThat(rejected).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settingsHaveCheckedDefaults() {
        assertThat(TickValidator.Settings.defaults()).isEqualTo(new TickValidator.Settings(0.5, 3,
                Duration.ofMinutes(5), Duration.ofSeconds(30), new BigDecimal("1E+12")));
        assertThat(TickValidator.Settings.defaults().withMaxStaleness(Duration.ofHours(25)).maxStaleness())
                .isEqualTo(Duration.ofHours(25));
        Duration minute = Duration.ofMinutes(1);
        BigDecimal max = BigDecimal.TEN;
        assertThatThrownBy(() -> new TickValidator.Settings(0, 3, minute, minute, max))
                .hasMessage("max jump must be a positive fraction, was 0.0");
        assertThatThrownBy(() -> new TickValidator.Settings(Double.NaN, 3, minute, minute, max))
                .hasMessage("max jump must be a positive fraction, was NaN");
        assertThatThrownBy(() -> new TickValidator.Settings(0.5, 1, minute, minute, max))
                .hasMessage("jump confirmations must be at least 2 (1 would accept every jump), was 1");
        assertThatThrownBy(() -> new TickValidator.Settings(0.5, 3, minute.negated(), minute, max))
                .hasMessage("max staleness must not be negative, was PT-1M");
        assertThatThrownBy(() -> new TickValidator.Settings(0.5, 3, minute, minute.negated(), max))
                .hasMessage("max clock skew must not be negative, was PT-1M");
        assertThatThrownBy(() -> new TickValidator.Settings(0.5, 3, minute, minute, BigDecimal.ZERO))
                .hasMessage("max price must be positive, was 0");
    }

    /** Validates a BTC-USD tick at {@code second} of the minute before receipt, and describes the verdict. */
    private String check(int second, String price) {
        return describe(validator.validate(at(second, price)));
    }

    private static CryptoTick at(int second, String price) {
        return tick("BTC-USD", price, null, null, RECEIVED.minusSeconds(60).plusSeconds(second));
    }

    private static Instant exchangeTime(Long offsetFromReceiptMillis) {
        return offsetFromReceiptMillis == null ? null : RECEIVED.plusMillis(offsetFromReceiptMillis);
    }

    private static CryptoTick tick(String symbol, String price, String bid, String ask, Instant exchangeTime) {
        return new CryptoTick(CryptoTick.VERSION, "coinbase", symbol, new BigDecimal(price), decimal(bid),
                decimal(ask), null, "1", exchangeTime, RECEIVED,
                exchangeTime == null ? TimeSource.RECEIPT : TimeSource.EXCHANGE);
    }

    private static BigDecimal decimal(String text) {
        return text == null ? null : new BigDecimal(text);
    }

    private static String describe(TickVerdict verdict) {
        return verdict instanceof TickVerdict.Invalid invalid
                ? invalid.reasonCode() + ": " + invalid.detail()
                : "valid";
    }
}
