package dev.rigwatch.simulator;

import static dev.rigwatch.simulator.SimulatorClient.assertSameShape;
import static dev.rigwatch.simulator.SimulatorClient.elements;
import static dev.rigwatch.simulator.SimulatorClient.fieldNames;
import static dev.rigwatch.simulator.SimulatorClient.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rigwatch.simulator.SimulatorClient.Answer;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrakenApiTest extends SimulatorTestBase {

    private static final long MINUTE_1242 = epoch("2026-11-24T12:42:00Z");

    @Test
    void tickerHasKrakensShape() throws IOException {
        Answer answer = client.get("/0/public/Ticker?pair=XBTUSD");

        assertThat(answer.status()).isEqualTo(200);
        assertSameShape(answer.json(), fixture("kraken-ticker-XBTUSD.json"), "ticker");
    }

    @Test
    void tickerShowsTheLastTradeTheBookAndTodaysAnd24HourStatistics() throws IOException {
        Quote quote = market.quote(SimulatedExchange.KRAKEN, "BTC-USD").orElseThrow();
        TradeStats today = quote.today();
        TradeStats day = quote.last24h();

        JsonNode ticker = client.get("/0/public/Ticker?pair=XBTUSD").json().get("result").get("XXBTZUSD");

        assertThat(strings(ticker.get("c"))).containsExactly(quote.price().setScale(5).toPlainString(),
                quote.size().toPlainString());
        assertThat(ticker.get("c").get(0).asText()).matches("\\d+\\.\\d0000");
        assertThat(new BigDecimal(ticker.get("a").get(0).asText())).isEqualByComparingTo(quote.ask());
        assertThat(new BigDecimal(ticker.get("b").get(0).asText())).isEqualByComparingTo(quote.bid());
        assertThat(new BigDecimal(ticker.get("a").get(2).asText()))
                .isGreaterThanOrEqualTo(quote.askSize()).isLessThan(quote.askSize().add(new BigDecimal("0.001")));
        assertThat(strings(ticker.get("v")))
                .containsExactly(today.volume().toPlainString(), day.volume().toPlainString());
        assertThat(strings(ticker.get("p")))
                .containsExactly(today.vwap(5).toPlainString(), day.vwap(5).toPlainString());
        assertThat(ticker.get("t").get(0).asLong()).isEqualTo(today.count())
                .isEqualTo(quote.tradeId() - epoch("2026-11-24T00:00:00Z") + 1);
        assertThat(ticker.get("t").get(1).asLong()).isEqualTo(86_400);
        assertThat(strings(ticker.get("l"))).containsExactly(today.low().setScale(5).toPlainString(),
                day.low().setScale(5).toPlainString());
        assertThat(strings(ticker.get("h"))).containsExactly(today.high().setScale(5).toPlainString(),
                day.high().setScale(5).toPlainString());
        assertThat(ticker.get("o").asText()).isEqualTo(today.open().setScale(5).toPlainString());
        assertThat(quote.price()).isEqualTo(market.price(SimulatedExchange.KRAKEN, BTC, quote.tradeId()));
    }

    @Test
    void severalPairsByEitherNameOrAllWithoutAPair() throws IOException {
        JsonNode both = client.get("/0/public/Ticker?pair=XXBTZUSD,ethusd").json();
        assertThat(both.get("error")).isEmpty();
        assertThat(fieldNames(both.get("result"))).containsExactly("XXBTZUSD", "XETHZUSD");

        JsonNode all = client.get("/0/public/Ticker").json();
        assertThat(fieldNames(all.get("result"))).containsExactly("XXBTZUSD", "XETHZUSD");
    }

    @Test
    void unknownPairIsAnErrorInA200() throws IOException {
        for (String path : List.of("/0/public/Ticker?pair=DOGEUSD", "/0/public/Ticker?pair=XBTUSD,DOGEUSD",
                "/0/public/OHLC?pair=DOGEUSD")) {
            Answer answer = client.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.json()).as(path).isEqualTo(fixture("kraken-error-unknown-pair.json"));
        }
    }

    @Test
    void ohlcIsTheLatest720MinutesOldestFirstEndingWithTheCurrentOne() throws IOException {
        Answer answer = client.get("/0/public/OHLC?pair=XBTUSD&interval=1");

        JsonNode result = answer.json().get("result");
        assertSameShape(answer.json(), fixture("kraken-ohlc-XBTUSD-1.json"), "ohlc");
        JsonNode rows = result.get("XXBTZUSD");
        assertThat(rows).hasSize(720);
        assertThat(result.get("last").asLong()).isEqualTo(MINUTE_1242 - 60);
        long lastTrade = lastTrade(SimulatedExchange.KRAKEN, BTC);
        for (int i = 0; i < rows.size(); i++) {
            long time = MINUTE_1242 - 60L * (719 - i);
            assertThat(rows.get(i).get(0).asLong()).isEqualTo(time);
            assertRow(rows.get(i), market.stats(SimulatedExchange.KRAKEN, BTC, time, Math.min(time + 59, lastTrade)));
        }
        assertThat(rows.get(0).get(1).asText()).matches("\\d+\\.\\d");
    }

    @Test
    void sinceGivesTheCandlesAfterItAndAlwaysTheCurrentOne() throws IOException {
        JsonNode after = client.get("/0/public/OHLC?pair=XBTUSD&since=" + (MINUTE_1242 - 180)).json()
                .get("result").get("XXBTZUSD");
        assertThat(after).extracting(row -> row.get(0).asLong())
                .containsExactly(MINUTE_1242 - 120, MINUTE_1242 - 60, MINUTE_1242);

        JsonNode current = client.get("/0/public/OHLC?pair=XBTUSD&since=" + MINUTE_1242).json()
                .get("result").get("XXBTZUSD");
        assertThat(current).extracting(row -> row.get(0).asLong()).containsExactly(MINUTE_1242);
    }

    @Test
    void hourlyAndDailyIntervalsForEther() throws IOException {
        JsonNode hourly = client.get("/0/public/OHLC?pair=ETHUSD&interval=60").json().get("result");
        assertThat(hourly.get("XETHZUSD")).hasSize(720);
        long hour11 = epoch("2026-11-24T11:00:00Z");
        JsonNode row11 = hourly.get("XETHZUSD").get(718);
        assertThat(row11.get(0).asLong()).isEqualTo(hour11);
        assertRow(row11, market.stats(SimulatedExchange.KRAKEN, ETH, hour11, hour11 + 3599));
        assertThat(hourly.get("last").asLong()).isEqualTo(hour11);

        JsonNode daily = client.get("/0/public/OHLC?pair=ETHUSD&interval=1440").json().get("result").get("XETHZUSD");
        assertThat(daily).hasSize(31);
        assertThat(daily.get(0).get(0).asLong()).isEqualTo(OPENED.getEpochSecond());
    }

    @Test
    void unsupportedIntervalOrMissingPairIsAnErrorInA200() throws IOException {
        Answer interval = client.get("/0/public/OHLC?pair=XBTUSD&interval=2");
        assertThat(interval.status()).isEqualTo(200);
        assertThat(interval.body()).isEqualTo("{\"error\":[\"EGeneral:Invalid arguments:interval\"]}");

        assertThat(client.get("/0/public/OHLC").body()).isEqualTo("{\"error\":[\"EGeneral:Invalid arguments\"]}");

        Answer method = client.get("/0/public/Depth?pair=XBTUSD");
        assertThat(method.status()).isEqualTo(404);
        assertThat(method.body()).isEqualTo("{\"error\":[\"EGeneral:Unknown method\"]}");
    }

    /** A row {@code [time, open, high, low, close, vwap, volume, count]} holds exactly these trades. */
    private static void assertRow(JsonNode row, TradeStats expected) {
        String at = "candle " + row.get(0).asLong();
        int scale = expected.open().scale();
        assertThat(strings(row).subList(1, 7)).as(at).containsExactly(expected.open().toPlainString(),
                expected.high().toPlainString(), expected.low().toPlainString(), expected.close().toPlainString(),
                expected.vwap(scale).toPlainString(), expected.volume().toPlainString());
        assertThat(row.get(7).asLong()).as(at + " count").isEqualTo(expected.count());
    }

    private static List<String> strings(JsonNode array) {
        return elements(array).map(JsonNode::asText).toList();
    }
}
