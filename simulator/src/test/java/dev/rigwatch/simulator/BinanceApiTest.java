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
import java.util.List;
import org.junit.jupiter.api.Test;

class BinanceApiTest extends SimulatorTestBase {

    private static final long MINUTE_1242 = epoch("2026-11-24T12:42:00Z");

    @Test
    void tickerHasEveryFieldOfBinancesWithItsTypes() throws IOException {
        Answer answer = client.get("/api/v3/ticker/24hr?symbol=BTCUSDT");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode ticker = answer.json();
        assertSameShape(ticker, fixture("binance-ticker24hr-BTCUSDT.json"), "ticker");
        for (String decimal : List.of("lastPrice", "bidPrice", "askPrice", "volume", "quoteVolume", "lastQty")) {
            assertThat(ticker.get(decimal).asText()).as(decimal).matches("\\d+\\.\\d{8}");
        }
        for (String integer : List.of("openTime", "closeTime", "firstId", "lastId", "count")) {
            assertThat(ticker.get(integer).isIntegralNumber()).as(integer).isTrue();
        }
    }

    @Test
    void tickerIsTheRolling24HoursEndingWithTheLastTrade() throws IOException {
        Quote quote = market.quote(SimulatedExchange.BINANCE, "BTC-USD").orElseThrow();
        TradeStats day = quote.last24h();

        JsonNode ticker = client.get("/api/v3/ticker/24hr?symbol=BTCUSDT").json();

        assertThat(ticker.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(ticker.get("lastPrice").asText()).isEqualTo(eight(quote.price()))
                .isEqualTo(eight(market.price(SimulatedExchange.BINANCE, BTC, quote.tradeId())));
        assertThat(ticker.get("lastQty").asText()).isEqualTo(eight(quote.size()));
        assertThat(ticker.get("bidPrice").asText()).isEqualTo(eight(quote.bid()));
        assertThat(ticker.get("askPrice").asText()).isEqualTo(eight(quote.ask()));
        assertThat(ticker.get("bidQty").asText()).isEqualTo(eight(quote.bidSize()));
        assertThat(ticker.get("askQty").asText()).isEqualTo(eight(quote.askSize()));
        assertThat(ticker.get("openPrice").asText()).isEqualTo(eight(day.open()));
        assertThat(ticker.get("highPrice").asText()).isEqualTo(eight(day.high()));
        assertThat(ticker.get("lowPrice").asText()).isEqualTo(eight(day.low()));
        assertThat(ticker.get("prevClosePrice").asText())
                .isEqualTo(eight(market.price(SimulatedExchange.BINANCE, BTC, quote.tradeId() - 86_400)));
        assertThat(ticker.get("priceChange").asText()).isEqualTo(eight(quote.price().subtract(day.open())));
        assertThat(ticker.get("priceChangePercent").asText()).isEqualTo(quote.price().subtract(day.open())
                .multiply(BigDecimal.valueOf(100)).divide(day.open(), 3, RoundingMode.HALF_EVEN).toPlainString());
        assertThat(ticker.get("weightedAvgPrice").asText()).isEqualTo(day.vwap(8).toPlainString());
        assertThat(ticker.get("volume").asText()).isEqualTo(eight(day.volume()));
        assertThat(ticker.get("quoteVolume").asText()).isEqualTo(eight(day.quoteVolume()));
        assertThat(ticker.get("closeTime").asLong()).isEqualTo(quote.tradeTime().toEpochMilli());
        assertThat(ticker.get("openTime").asLong()).isEqualTo(quote.tradeTime().toEpochMilli() - 86_400_000);
        assertThat(ticker.get("lastId").asLong()).isEqualTo(quote.tradeId());
        assertThat(ticker.get("firstId").asLong()).isEqualTo(quote.tradeId() - 86_399);
        assertThat(ticker.get("count").asLong()).isEqualTo(86_400);
    }

    @Test
    void lastIdIncreasesAsSimulatedTimePasses() throws IOException {
        long previous = client.get("/api/v3/ticker/24hr?symbol=ETHUSDT").json().get("lastId").asLong();
        for (int i = 0; i < 5; i++) {
            advance(Duration.ofSeconds(3));
            long lastId = client.get("/api/v3/ticker/24hr?symbol=ETHUSDT").json().get("lastId").asLong();
            // each trade falls at its own microsecond within its second, so 3 s on is 2 to 4 trades on
            assertThat(lastId).isEqualTo(lastTrade(SimulatedExchange.BINANCE, ETH)).isBetween(previous + 2, previous + 4);
            previous = lastId;
        }
    }

    @Test
    void unknownOrMissingSymbolIsABadRequest() throws IOException {
        for (String path : List.of("/api/v3/ticker/24hr?symbol=BTCUSD", "/api/v3/klines?symbol=DOGEUSDT&interval=1m")) {
            Answer answer = client.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json()).as(path).isEqualTo(fixture("binance-error-invalid-symbol.json"));
        }
        Answer missing = client.get("/api/v3/ticker/24hr");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).isEqualTo("{\"code\":-1102,\"msg\":\"Mandatory parameter 'symbol' was not sent, "
                + "was empty/null, or malformed.\"}");
    }

    @Test
    void klinesAreTheLatest500OldestFirstEndingWithTheCurrentMinute() throws IOException {
        JsonNode rows = client.get("/api/v3/klines?symbol=BTCUSDT&interval=1m").json();

        assertSameShape(rows, fixture("binance-klines-BTCUSDT-1m.json"), "klines");
        assertThat(rows).hasSize(500);
        long lastTrade = lastTrade(SimulatedExchange.BINANCE, BTC);
        for (int i = 0; i < rows.size(); i++) {
            long time = MINUTE_1242 - 60L * (499 - i);
            assertRow(rows.get(i), time, 60, market.stats(SimulatedExchange.BINANCE, BTC, time, Math.min(time + 59, lastTrade)));
        }
    }

    @Test
    void startTimeEndTimeAndLimitChooseTheKlines() throws IOException {
        long noon = epoch("2026-11-24T12:00:00Z") * 1000;
        assertThat(openTimes("&startTime=" + noon + "&limit=3")).containsExactly(noon, noon + 60_000, noon + 120_000);
        assertThat(openTimes("&startTime=" + (noon + 1) + "&limit=2")).containsExactly(noon + 60_000, noon + 120_000);
        assertThat(openTimes("&endTime=" + (noon + 59_999) + "&limit=2")).containsExactly(noon - 60_000, noon);
        assertThat(openTimes("&startTime=" + noon + "&endTime=" + (noon + 60_000)))
                .containsExactly(noon, noon + 60_000);
        long current = MINUTE_1242 * 1000;
        assertThat(openTimes("&startTime=" + (current - 60_000) + "&limit=10"))
                .containsExactly(current - 60_000, current);

        Answer tooMany = client.get("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=1001");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.json().get("code").asInt()).isEqualTo(-1130);
        Answer notANumber = client.get("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=noon");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("code").asInt()).isEqualTo(-1100);
    }

    @Test
    void hourlyAndDailyKlinesAndAnUnknownInterval() throws IOException {
        long hour11 = epoch("2026-11-24T11:00:00Z");
        JsonNode hourly = client.get("/api/v3/klines?symbol=ETHUSDT&interval=1h&limit=2").json();
        assertThat(hourly).hasSize(2);
        assertRow(hourly.get(0), hour11, 3600, market.stats(SimulatedExchange.BINANCE, ETH, hour11, hour11 + 3599));

        JsonNode daily = client.get("/api/v3/klines?symbol=ETHUSDT&interval=1d&limit=1000").json();
        assertThat(daily).hasSize(31);
        assertThat(daily.get(0).get(0).asLong()).isEqualTo(OPENED.toEpochMilli());

        Answer unknown = client.get("/api/v3/klines?symbol=ETHUSDT&interval=1w");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).isEqualTo("{\"code\":-1120,\"msg\":\"Invalid interval.\"}");
    }

    /** A kline holds exactly these trades, taker side included. */
    private static void assertRow(JsonNode row, long openTime, long seconds, TradeStats expected) {
        String at = "kline " + openTime;
        assertThat(row.get(0).asLong()).as(at).isEqualTo(openTime * 1000);
        assertThat(row.get(6).asLong()).as(at).isEqualTo((openTime + seconds) * 1000 - 1);
        List<String> strings = elements(row)
                .map(JsonNode::asText).toList();
        assertThat(List.of(strings.get(1), strings.get(2), strings.get(3), strings.get(4), strings.get(5),
                strings.get(7), strings.get(9), strings.get(10), strings.get(11))).as(at).containsExactly(
                eight(expected.open()), eight(expected.high()), eight(expected.low()), eight(expected.close()),
                eight(expected.volume()), eight(expected.quoteVolume()), eight(expected.takerBuyVolume()),
                eight(expected.takerBuyQuoteVolume()), "0");
        assertThat(row.get(8).asLong()).as(at + " trades").isEqualTo(expected.count());
    }

    private List<Long> openTimes(String parameters) throws IOException {
        JsonNode rows = client.get("/api/v3/klines?symbol=BTCUSDT&interval=1m" + parameters).json();
        return elements(rows).map(r -> r.get(0).asLong()).toList();
    }

    private static String eight(BigDecimal value) {
        return value.setScale(8, RoundingMode.HALF_EVEN).toPlainString();
    }
}
