package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.assertSameShape;
import static dev.rigwatch.simulator.SimulatorClient.elements;
import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoinbaseApiTest extends SimulatorTestBase {

    private static final long MINUTE_1242 = epoch("2026-11-24T12:42:00Z");

    @Test
    void tickerHasCoinbasesFieldsAndTypes() throws IOException {
        Answer answer = client.get("/products/BTC-USD/ticker");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode served = answer.json();
        assertSameShape(served, fixture("coinbase-ticker-BTC-USD.json"), "ticker");
        assertThat(served.get("trade_id").isIntegralNumber()).isTrue();
        assertThat(served.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
        for (String decimal : List.of("ask", "bid", "volume", "price", "size", "rfq_volume", "conversions_volume")) {
            assertThat(new BigDecimal(served.get(decimal).asText())).as(decimal).isNotNegative();
        }
    }

    @Test
    void tickerServesTheLastTradeOnThePricePath() throws IOException {
        Quote quote = market.quote(SimulatedExchange.COINBASE, "ETH-USD").orElseThrow();
        assertThat(quote.tradeId()).isEqualTo(lastTrade(SimulatedExchange.COINBASE, ETH)).isIn(
                epoch("2026-11-24T12:42:30Z"), epoch("2026-11-24T12:42:29Z"));

        JsonNode served = client.get("/products/ETH-USD/ticker").json();

        assertThat(served.get("trade_id").asLong()).isEqualTo(quote.tradeId());
        assertThat(served.get("price").asText()).isEqualTo(quote.price().toPlainString())
                .isEqualTo(market.path().price(ETH, quote.tradeId()).toPlainString());
        assertThat(served.get("bid").asText()).isEqualTo(quote.bid().toPlainString());
        assertThat(served.get("ask").asText()).isEqualTo(quote.ask().toPlainString());
        assertThat(served.get("size").asText()).isEqualTo(quote.size().toPlainString());
        assertThat(served.get("volume").asText()).isEqualTo(quote.last24h().volume().toPlainString())
                .isEqualTo(market.stats(SimulatedExchange.COINBASE, ETH, quote.tradeId() - 86_399, quote.tradeId()).volume()
                        .toPlainString());
        assertThat(new BigDecimal(served.get("rfq_volume").asText()))
                .isEqualTo(quote.last24h().volume().multiply(new BigDecimal("0.007"))
                        .setScale(6, RoundingMode.HALF_EVEN));
        assertThat(Instant.parse(served.get("time").asText())).isEqualTo(quote.tradeTime());
        assertThat(served.get("conversions_volume").asText()).isEqualTo("0");
    }

    @Test
    void unknownProductOrPathIsCoinbasesNotFound() throws IOException {
        for (String path : List.of("/products/DOGE-USD/ticker", "/products/DOGE-USD/candles", "/products/BTC-USD/book",
                "/products/", "/products/btc-usd/ticker")) {
            Answer answer = client.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.body()).isEqualTo("{\"message\":\"NotFound\"}");
        }
    }

    @Test
    void candlesAreTheLatest300MinutesNewestFirstUpToTheCurrentOne() throws IOException {
        Answer answer = client.get("/products/BTC-USD/candles?granularity=60");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode rows = answer.json();
        assertSameShape(rows, fixture("coinbase-candles-BTC-USD-60.json"), "candles");
        assertThat(rows).hasSize(300);
        long lastTrade = lastTrade(SimulatedExchange.COINBASE, BTC);
        for (int i = 0; i < rows.size(); i++) {
            long time = MINUTE_1242 - 60L * i;
            assertThat(rows.get(i).get(0).asLong()).isEqualTo(time);
            assertCandle(rows.get(i), market.stats(SimulatedExchange.COINBASE, BTC, time, Math.min(time + 59, lastTrade)));
        }
        // the current minute is in progress: it closes at the ticker's last price
        JsonNode ticker = client.get("/products/BTC-USD/ticker").json();
        assertThat(rows.get(0).get(4).decimalValue()).isEqualByComparingTo(ticker.get("price").asText());
    }

    @Test
    void candlesStartingBetweenStartAndEndBothIncludedStopAtTheCurrentMinute() throws IOException {
        JsonNode past = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T12:00:00Z&end=2026-11-24T12:10:00Z").json();
        assertThat(times(past)).containsExactly(times("2026-11-24T12:10:00Z", -60, 11));

        JsonNode unaligned = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T12:00:01Z&end=2026-11-24T12:02:59Z").json();
        assertThat(times(unaligned)).containsExactly(times("2026-11-24T12:02:00Z", -60, 2));

        JsonNode reachingIntoTheFuture = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T12:40:00Z&end=2026-11-24T13:00:00%2B00:00").json();
        assertThat(times(reachingIntoTheFuture)).containsExactly(times("2026-11-24T12:42:00Z", -60, 3));

        JsonNode future = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T13:00:00Z&end=2026-11-24T14:00:00Z").json();
        assertThat(future).isEmpty();
    }

    @Test
    void moreThan300CandlesIsABadRequest() throws IOException {
        Answer tooMany = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T07:00:00Z&end=2026-11-24T12:00:00Z");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).isEqualTo("{\"message\":\"granularity too small for the requested time range. "
                + "Count of aggregations requested exceeds 300\"}");

        JsonNode exactly300 = client.get("/products/BTC-USD/candles?granularity=60"
                + "&start=2026-11-24T07:00:00Z&end=2026-11-24T11:59:59Z").json();
        assertThat(exactly300).hasSize(300);
        assertThat(exactly300.get(299).get(0).asLong()).isEqualTo(epoch("2026-11-24T07:00:00Z"));
    }

    @Test
    void hourlyCandlesShowTheCrashAndDailyCandlesGoBackToTheOpening() throws IOException {
        JsonNode hourly = client.get("/products/BTC-USD/candles?granularity=3600").json();
        long hour11 = epoch("2026-11-24T11:00:00Z");
        assertThat(hourly.get(0).get(0).asLong()).isEqualTo(hour11 + 3600);
        assertThat(hourly.get(1).get(0).asLong()).isEqualTo(hour11);
        TradeStats fullHour = market.stats(SimulatedExchange.COINBASE, BTC, hour11, hour11 + 3599);
        assertCandle(hourly.get(1), fullHour);
        assertThat(fullHour.low().doubleValue() / fullHour.high().doubleValue()).isBetween(0.7185, 0.7215);
        assertThat(hourly).hasSize(300);

        JsonNode daily = client.get("/products/BTC-USD/candles?granularity=86400").json();
        assertThat(daily).hasSize(31);
        assertThat(daily.get(0).get(0).asLong()).isEqualTo(epoch("2026-11-24T00:00:00Z"));
        assertThat(daily.get(30).get(0).asLong()).isEqualTo(OPENED.getEpochSecond());
        long day = epoch("2026-11-23T00:00:00Z");
        assertCandle(daily.get(1), market.stats(SimulatedExchange.COINBASE, BTC, day, day + 86_399));
    }

    @Test
    void unsupportedGranularityOrBadTimeIsABadRequest() throws IOException {
        Answer granularity = client.get("/products/BTC-USD/candles?granularity=120");
        assertThat(granularity.status()).isEqualTo(400);
        assertThat(granularity.body()).isEqualTo("{\"message\":\"Unsupported granularity\"}");

        Answer time = client.get("/products/BTC-USD/candles?granularity=60&start=yesterday&end=2026-11-24T12:00:00Z");
        assertThat(time.status()).isEqualTo(400);
        assertThat(time.json().get("message").asText()).startsWith("Invalid parameter: Text 'yesterday'");
    }

    @Test
    void aMinuteCompletesAndTheNextAppearsAsSimulatedTimePasses() throws IOException {
        advance(Duration.ofSeconds(60));

        JsonNode rows = client.get("/products/BTC-USD/candles?granularity=60").json();

        assertThat(rows.get(0).get(0).asLong()).isEqualTo(MINUTE_1242 + 60);
        assertThat(rows.get(1).get(0).asLong()).isEqualTo(MINUTE_1242);
        assertCandle(rows.get(1), market.stats(SimulatedExchange.COINBASE, BTC, MINUTE_1242, MINUTE_1242 + 59));
    }

    /** A row {@code [time, low, high, open, close, volume]} holds exactly these trades' statistics. */
    private static void assertCandle(JsonNode row, TradeStats expected) {
        String at = "candle " + row.get(0).asLong();
        assertThat(row.get(1).decimalValue()).as(at + " low").isEqualByComparingTo(expected.low());
        assertThat(row.get(2).decimalValue()).as(at + " high").isEqualByComparingTo(expected.high());
        assertThat(row.get(3).decimalValue()).as(at + " open").isEqualByComparingTo(expected.open());
        assertThat(row.get(4).decimalValue()).as(at + " close").isEqualByComparingTo(expected.close());
        assertThat(row.get(5).decimalValue()).as(at + " volume").isEqualByComparingTo(expected.volume());
    }

    private static List<Long> times(JsonNode rows) {
        return elements(rows).map(r -> r.get(0).asLong()).toList();
    }

    private static Long[] times(String first, long step, int count) {
        Long[] times = new Long[count];
        for (int i = 0; i < count; i++) {
            times[i] = epoch(first) + step * i;
        }
        return times;
    }
}
