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
import java.util.List;
import org.junit.jupiter.api.Test;

class BitstampApiTest extends SimulatorTestBase {

    private static final long MINUTE_1242 = epoch("2026-11-24T12:42:00Z");

    @Test
    void tickerHasBitstampsFieldsAllStrings() throws IOException {
        Answer answer = client.get("/api/v2/ticker/btcusd/");

        assertThat(answer.status()).isEqualTo(200);
        assertSameShape(answer.json(), fixture("bitstamp-ticker-btcusd.json"), "ticker");
    }

    @Test
    void tickerShowsTheLastTradeAndThe24HourStatisticsInThePairsPrecision() throws IOException {
        Quote quote = market.quote(SimulatedExchange.BITSTAMP, "BTC-USD").orElseThrow();
        TradeStats day = quote.last24h();

        JsonNode ticker = client.get("/api/v2/ticker/btcusd/").json();

        assertThat(ticker.get("timestamp").asText()).isEqualTo(Long.toString(quote.tradeId()));
        assertThat(ticker.get("last").asText()).isEqualTo(quote.price().toPlainString()).matches("\\d+")
                .isEqualTo(market.price(SimulatedExchange.BITSTAMP, BTC, quote.tradeId()).toPlainString());
        assertThat(ticker.get("bid").asText()).isEqualTo(quote.bid().toPlainString());
        assertThat(ticker.get("ask").asText()).isEqualTo(quote.ask().toPlainString());
        assertThat(ticker.get("side").asText()).isEqualTo(quote.buyerTookTheAsk() ? "0" : "1");
        assertThat(ticker.get("open").asText()).isEqualTo(quote.today().open().toPlainString());
        assertThat(ticker.get("open_24").asText()).isEqualTo(day.open().toPlainString());
        assertThat(ticker.get("high").asText()).isEqualTo(day.high().toPlainString());
        assertThat(ticker.get("low").asText()).isEqualTo(day.low().toPlainString());
        assertThat(ticker.get("volume").asText()).isEqualTo(day.volume().toPlainString());
        assertThat(ticker.get("vwap").asText()).isEqualTo(day.vwap(0).toPlainString());
        assertThat(ticker.get("percent_change_24").asText()).isEqualTo(quote.price().subtract(day.open())
                .multiply(BigDecimal.valueOf(100)).divide(day.open(), 2, RoundingMode.HALF_EVEN).toPlainString());

        JsonNode ether = client.get("/api/v2/ticker/ethusd").json();
        assertThat(ether.get("last").asText()).matches("\\d+\\.\\d");
    }

    @Test
    void unknownPairOrPathIsA404Page() throws IOException {
        for (String path : List.of("/api/v2/ticker/dogeusd/", "/api/v2/ohlc/dogeusd/?step=60&limit=5",
                "/api/v2/order_book/btcusd/")) {
            Answer answer = client.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.headers().get("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(answer.body()).contains("<h1>404 Not Found</h1>");
        }
    }

    @Test
    void ohlcIsTheLatestLimitCandlesOldestFirst() throws IOException {
        Answer answer = client.get("/api/v2/ohlc/btcusd/?step=60&limit=1000");

        assertSameShape(answer.json(), fixture("bitstamp-ohlc-btcusd-60.json"), "ohlc");
        JsonNode data = answer.json().get("data");
        assertThat(data.get("pair").asText()).isEqualTo("BTC/USD");
        JsonNode rows = data.get("ohlc");
        assertThat(rows).hasSize(1000);
        long lastTrade = lastTrade(SimulatedExchange.BITSTAMP, BTC);
        for (int i = 0; i < rows.size(); i++) {
            long time = MINUTE_1242 - 60L * (999 - i);
            assertCandle(rows.get(i), time, market.stats(SimulatedExchange.BITSTAMP, BTC, time, Math.min(time + 59, lastTrade)));
        }
    }

    @Test
    void startOrEndChooseTheCandlesAndEndWins() throws IOException {
        long noon = epoch("2026-11-24T12:00:00Z");
        assertThat(timestamps("&limit=3&start=" + noon)).containsExactly(noon, noon + 60, noon + 120);
        assertThat(timestamps("&limit=2&start=" + (noon + 1))).containsExactly(noon + 60, noon + 120);
        assertThat(timestamps("&limit=2&end=" + (noon + 59))).containsExactly(noon - 60, noon);
        assertThat(timestamps("&limit=2&start=" + noon + "&end=" + (noon + 600)))
                .containsExactly(noon + 540, noon + 600);
        assertThat(timestamps("&limit=5&start=" + (MINUTE_1242 - 60))).containsExactly(MINUTE_1242 - 60, MINUTE_1242);
    }

    @Test
    void hourlyAndDailyStepsForEther() throws IOException {
        long hour11 = epoch("2026-11-24T11:00:00Z");
        JsonNode hourly = client.get("/api/v2/ohlc/ethusd/?step=3600&limit=2").json().get("data");
        assertThat(hourly.get("pair").asText()).isEqualTo("ETH/USD");
        assertCandle(hourly.get("ohlc").get(0), hour11, market.stats(SimulatedExchange.BITSTAMP, ETH, hour11, hour11 + 3599));

        JsonNode daily = client.get("/api/v2/ohlc/ethusd/?step=86400&limit=1000").json().get("data").get("ohlc");
        assertThat(daily).hasSize(31);
        assertThat(daily.get(0).get("timestamp").asText()).isEqualTo(Long.toString(OPENED.getEpochSecond()));
    }

    @Test
    void missingOrInvalidStepAndLimitAreBadRequests() throws IOException {
        for (String query : List.of("?limit=5", "?step=61&limit=5", "?step=60", "?step=60&limit=1001",
                "?step=x&limit=5")) {
            Answer answer = client.get("/api/v2/ohlc/btcusd/" + query);
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("status").asText()).as(query).isEqualTo("error");
            assertThat(answer.json().get("code").asText()).as(query).isEqualTo("400.001");
        }
        assertThat(client.get("/api/v2/ohlc/btcusd/?step=60&limit=1001").json().get("reason").asText())
                .isEqualTo("limit must be from 1 to 1000");
    }

    private static void assertCandle(JsonNode candle, long time, TradeStats expected) {
        String at = "candle " + time;
        assertThat(candle.get("timestamp").asText()).as(at).isEqualTo(Long.toString(time));
        assertThat(List.of(candle.get("open").asText(), candle.get("high").asText(), candle.get("low").asText(),
                candle.get("close").asText(), candle.get("volume").asText())).as(at).containsExactly(
                expected.open().toPlainString(), expected.high().toPlainString(), expected.low().toPlainString(),
                expected.close().toPlainString(), expected.volume().toPlainString());
    }

    private List<Long> timestamps(String parameters) throws IOException {
        JsonNode rows = client.get("/api/v2/ohlc/btcusd/?step=60" + parameters).json().get("data").get("ohlc");
        return elements(rows)
                .map(r -> Long.parseLong(r.get("timestamp").asText())).toList();
    }
}
